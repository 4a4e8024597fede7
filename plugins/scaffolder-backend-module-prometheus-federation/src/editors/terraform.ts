import { ConflictError, InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import {
  clusterOfRule,
  clusterWord,
  federationRules,
  ResourceStyle,
  securityRuleName,
  SOURCE_KEY,
} from './securityRules';
import {
  Block,
  namedValues,
  normaliseExpression,
  parseResourceBlocks,
} from './terraformBlocks';

export { securityRuleName } from './securityRules';
export { parseResourceBlocks } from './terraformBlocks';

export interface SecurityRuleOptions {
  /** The leaf cluster, e.g. `blue`. */
  cluster: string;
  /** The ops cluster, source of the federation scrapes; default `ops`. */
  opsCluster?: string;
  /** Source group id (`sg-...`); default what the sibling rules use, else the ops EKS group. */
  sourceSecurityGroupId?: string;
  /** Destination group id (`sg-...`); default the sibling rules' target with this cluster. */
  targetSecurityGroupId?: string;
}

/** The attributes that make two rules the same rule (names, descriptions and tags do not). */
const SAME_RULE_KEYS = [
  'type',
  'from_port',
  'to_port',
  'protocol',
  'ip_protocol',
  'source_security_group_id',
  'referenced_security_group_id',
  'security_group_id',
  'cidr_ipv4',
];

/**
 * Adds the ops-to-leaf tcp 443 rule to the federation security Terraform file, in the resource
 * style the file already uses (docs/federation-setup.md#security-group-rule). With sibling
 * rules, the new one is a copy of the last sibling with its cluster swapped: the same reference
 * to the ops group (literal, `local.`, `var.`, module output), the same kind of leaf target,
 * tags, attribute order and description wording. It goes right after that sibling. A rule
 * admitting the same groups, through equivalent expressions, counts as present. Inputs are
 * validated before they get here: ids and names cannot carry quotes, newlines or `${`.
 */
export function addSecurityRule(
  content: string,
  options: SecurityRuleOptions,
): EditResult {
  const { style, rules } = federationRules(content);
  const sibling = [...rules]
    .reverse()
    .find(r => r.attributes.from_port === '443' && clusterOfRule(r));
  const notes: string[] = [];
  const text = sibling
    ? fromSibling(content, sibling, style, options, notes)
    : fromScratch(style, options);
  const wanted = parseResourceBlocks(text)[0];

  // The same rule under any name (added by hand, or through a local) counts as present.
  const values = namedValues(content);
  const same = (a: Block, key: string) =>
    normaliseExpression(a.attributes[key], values) ===
    normaliseExpression(wanted.attributes[key], values);
  if (rules.some(r => SAME_RULE_KEYS.every(key => same(r, key))))
    return { content, status: 'unchanged' };
  const existing = rules.find(r => r.name === wanted.name);
  if (existing) {
    const differing = SAME_RULE_KEYS.filter(key => !same(existing, key));
    throw new ConflictError(
      `Resource ${style}.${
        wanted.name
      } already exists with different settings (${differing.join(
        ', ',
      )}); change or remove it by hand`,
    );
  }
  if (!sibling) {
    const trimmed = content.replace(/\s*$/, '');
    const result = trimmed === '' ? text : `${trimmed}\n\n${text}`;
    return { content: result, status: 'added', notes };
  }
  const result = `${content.slice(0, sibling.end)}\n\n${text.replace(
    /\n$/,
    '',
  )}${content.slice(sibling.end)}`;
  return { content: result, status: 'added', notes };
}

/** The sibling's text with its cluster swapped, and explicit group ids where given. */
function fromSibling(
  content: string,
  sibling: Block,
  style: ResourceStyle,
  options: SecurityRuleOptions,
  notes: string[],
): string {
  const from = clusterOfRule(sibling)!;
  const word = clusterWord(from);
  const swapped = content
    .slice(sibling.start, sibling.end)
    .replace(
      /^(resource\s+"[^"]+"\s+")([^"]+)"/,
      (_m, head, name: string) =>
        `${head}${name.replace(
          clusterWord(from.replace(/-/g, '_')),
          options.cluster.replace(/-/g, '_'),
        )}"`,
    )
    .replace(word, options.cluster);
  let text = `${swapped}\n`;
  const set = (key: string, value: string) => {
    text = text.replace(
      new RegExp(`^(\\s*${key}\\s*=\\s*).*$`, 'm'),
      (_m, head) => `${head}"${value}"`,
    );
  };
  if (options.sourceSecurityGroupId)
    set(SOURCE_KEY[style], options.sourceSecurityGroupId);
  const target = parseResourceBlocks(text)[0].attributes.security_group_id;
  if (options.targetSecurityGroupId) {
    set('security_group_id', options.targetSecurityGroupId);
  } else if (!target || !clusterWord(options.cluster).test(target)) {
    throw new InputError(
      `The sibling rule ${sibling.name} names its leaf group as ${sibling.attributes.security_group_id}, which does not depend on the cluster: give targetSecurityGroupId`,
    );
  } else if (!target.includes(`["${options.cluster}"]`)) {
    notes.push(
      `the new rule references \`${target}\`, following \`${sibling.name}\`: it must exist before \`terraform apply\``,
    );
  }
  return text;
}

/** Without a sibling: the set-up's own rule (docs/federation-setup.md#security-group-rule). */
function fromScratch(style: ResourceStyle, options: SecurityRuleOptions) {
  const ops = options.opsCluster ?? 'ops';
  const source = options.sourceSecurityGroupId
    ? `"${options.sourceSecurityGroupId}"`
    : `module.eks_cluster["${ops}"].cluster_security_group_id`;
  const target = options.targetSecurityGroupId
    ? `"${options.targetSecurityGroupId}"`
    : `module.eks_cluster["${options.cluster}"].node_security_group_id`;
  const description = `"Allow ${ops} Prometheus to federate from ${options.cluster} Prometheus via Ingress LoadBalancer (port 443)"`;
  const attributes: Record<string, string> =
    style === 'aws_security_group_rule'
      ? {
          type: '"ingress"',
          from_port: '443',
          to_port: '443',
          protocol: '"tcp"',
          source_security_group_id: source,
          security_group_id: target,
          description,
        }
      : {
          security_group_id: target,
          referenced_security_group_id: source,
          from_port: '443',
          to_port: '443',
          ip_protocol: '"tcp"',
          description,
        };
  const width = Math.max(...Object.keys(attributes).map(k => k.length));
  const body = Object.entries(attributes)
    .map(([key, value]) => `  ${key.padEnd(width)} = ${value}`)
    .join('\n');
  return `resource "${style}" "${securityRuleName(
    options.cluster,
  )}" {\n${body}\n}\n`;
}
