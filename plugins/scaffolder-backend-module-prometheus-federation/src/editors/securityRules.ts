import { InputError } from '@backstage/errors';
import { Block, parseResourceBlocks } from './terraformBlocks';

// What the federation rules of a Terraform file look like: their resource style, which
// cluster each admits, and how to swap one cluster's name for another's in a rule's text.

export type ResourceStyle =
  | 'aws_security_group_rule'
  | 'aws_vpc_security_group_ingress_rule';

/** The attribute naming the ops (source) group, per style. */
export const SOURCE_KEY: Record<ResourceStyle, string> = {
  aws_security_group_rule: 'source_security_group_id',
  aws_vpc_security_group_ingress_rule: 'referenced_security_group_id',
};

/** `ops_to_<cluster>_prometheus`: see docs/federation-setup.md#security-group-rule. */
export function securityRuleName(cluster: string): string {
  return `ops_to_${cluster.replace(/-/g, '_')}_prometheus`;
}

/** The file's rule resources in the style it uses; inline rules are refused. */
export function federationRules(content: string): {
  style: ResourceStyle;
  rules: Block[];
} {
  const blocks = parseResourceBlocks(content);
  if (
    blocks.some(
      b =>
        b.type === 'aws_security_group' &&
        /^\s*ingress\s*\{/m.test(content.slice(b.start, b.end)),
    )
  ) {
    throw new InputError(
      'The file defines inline ingress rules in an aws_security_group: separate rule resources cannot be mixed with inline rules',
    );
  }
  const style: ResourceStyle = blocks.some(
    b => b.type === 'aws_vpc_security_group_ingress_rule',
  )
    ? 'aws_vpc_security_group_ingress_rule'
    : 'aws_security_group_rule';
  return { style, rules: blocks.filter(b => b.type === style) };
}

/** The leaf cluster a rule admits to: the key in its target (`["blue"]`), else its name. */
export function clusterOfRule(rule: Block): string | undefined {
  const key = /\["([a-z0-9][-a-z0-9]*)"\]/.exec(
    rule.attributes.security_group_id ?? '',
  );
  if (key) return key[1];
  const named = /^ops_to_([a-z0-9_]+)_prometheus$/.exec(rule.name);
  return named?.[1].replace(/_/g, '-');
}

/** A cluster name as a whole word (not inside another name). */
export function clusterWord(cluster: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${cluster}(?![A-Za-z0-9])`, 'g');
}

/** Whether a rule is the federation rule of `cluster`. */
export function isRuleOf(rule: Block, cluster: string): boolean {
  if (rule.attributes.for_each) return false; // one rule for a collection of clusters
  return (
    rule.name === securityRuleName(cluster) || clusterOfRule(rule) === cluster
  );
}
