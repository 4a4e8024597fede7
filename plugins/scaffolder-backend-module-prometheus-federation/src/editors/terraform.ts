import { ConflictError, InputError } from '@backstage/errors';
import type { EditResult } from './editResult';

export interface SecurityRuleOptions {
  /** The leaf cluster, e.g. `blue`. */
  cluster: string;
  /** The ops cluster, source of the federation scrapes; default `ops`. */
  opsCluster?: string;
  /** Source group id (`sg-...`); default the ops EKS cluster security group. */
  sourceSecurityGroupId?: string;
  /** Destination group id (`sg-...`); default the leaf EKS node security group. */
  targetSecurityGroupId?: string;
}

type ResourceStyle =
  | 'aws_security_group_rule'
  | 'aws_vpc_security_group_ingress_rule';

interface Block {
  type: string;
  name: string;
  start: number;
  end: number;
  attributes: Record<string, string>;
}

/** `ops_to_<cluster>_prometheus`: see docs/federation-setup.md#security-group-rule. */
export function securityRuleName(cluster: string): string {
  return `ops_to_${cluster.replace(/-/g, '_')}_prometheus`;
}

/**
 * Adds the ops-to-leaf tcp 443 rule to the federation security Terraform file, in the resource
 * style the file already uses (the original set-up's `aws_security_group_rule`, or the
 * provider's newer `aws_vpc_security_group_ingress_rule`; see
 * docs/federation-setup.md#security-group-rule). Inputs are validated before they get
 * here: ids and names cannot carry quotes, newlines or `${`.
 */
export function addSecurityRule(
  content: string,
  options: SecurityRuleOptions,
): EditResult {
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
  const rules = blocks.filter(b => b.type === style);
  const name = securityRuleName(options.cluster);
  const attributes = ruleAttributes(style, options, rules);

  // The same rule under another name (someone added it by hand) counts as present.
  const sameRule = rules.find(
    b =>
      b.name !== name &&
      Object.keys(attributes).every(
        key => key === 'description' || b.attributes[key] === attributes[key],
      ),
  );
  if (sameRule) return { content, status: 'unchanged' };
  const existing = blocks.find(b => b.type === style && b.name === name);
  if (existing) {
    const differing = Object.keys(attributes).filter(
      key =>
        key !== 'description' && existing.attributes[key] !== attributes[key],
    );
    if (differing.length === 0) return { content, status: 'unchanged' };
    throw new ConflictError(
      `Resource ${style}.${name} already exists with different settings (${differing.join(
        ', ',
      )}); change or remove it by hand`,
    );
  }
  const width = Math.max(...Object.keys(attributes).map(k => k.length));
  const body = Object.entries(attributes)
    .map(([key, value]) => `  ${key.padEnd(width)} = ${value}`)
    .join('\n');
  const block = `resource "${style}" "${name}" {\n${body}\n}\n`;
  const trimmed = content.replace(/\s*$/, '');
  const result = trimmed === '' ? block : `${trimmed}\n\n${block}`;
  return { content: result, status: 'added' };
}

function ruleAttributes(
  style: ResourceStyle,
  options: SecurityRuleOptions,
  siblings: Block[],
): Record<string, string> {
  const ops = options.opsCluster ?? 'ops';
  const sourceKey =
    style === 'aws_security_group_rule'
      ? 'source_security_group_id'
      : 'referenced_security_group_id';
  // Siblings show how the file names the EKS module: follow them.
  const module =
    siblings
      .map(b =>
        /^module\.([A-Za-z0-9_-]+)\["[^"]+"\]\.node_security_group_id$/.exec(
          b.attributes.security_group_id ?? '',
        ),
      )
      .find(Boolean)?.[1] ?? 'eks_cluster';
  const source = options.sourceSecurityGroupId
    ? `"${options.sourceSecurityGroupId}"`
    : `module.${module}["${ops}"].cluster_security_group_id`;
  const target = options.targetSecurityGroupId
    ? `"${options.targetSecurityGroupId}"`
    : `module.${module}["${options.cluster}"].node_security_group_id`;
  const description = `"Allow ${ops} Prometheus to federate from ${options.cluster} Prometheus via Ingress LoadBalancer (port 443)"`;
  if (style === 'aws_security_group_rule') {
    return {
      type: '"ingress"',
      from_port: '443',
      to_port: '443',
      protocol: '"tcp"',
      source_security_group_id: source,
      security_group_id: target,
      description,
    };
  }
  return {
    security_group_id: target,
    [sourceKey]: source,
    from_port: '443',
    to_port: '443',
    ip_protocol: '"tcp"',
    description,
  };
}

/**
 * Top-level `resource "type" "name" { ... }` blocks with their one-line attributes. Enough to
 * find styles and existing rules; the action checks the whole file with a real HCL parser.
 */
export function parseResourceBlocks(content: string): Block[] {
  const blocks: Block[] = [];
  const header = /^resource\s+"([^"]+)"\s+"([^"]+)"\s*\{/gm;
  let end = 0;
  for (const match of content.matchAll(header)) {
    if (match.index! < end) continue; // inside the previous block
    end = closingBrace(content, match.index! + match[0].length);
    const body = content.slice(match.index! + match[0].length, end - 1);
    const attributes: Record<string, string> = {};
    let depth = 0;
    for (const line of body.split('\n')) {
      const attr = /^\s*([A-Za-z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (depth === 0 && attr)
        attributes[attr[1]] = attr[2].replace(/\s+#.*$|\s+\/\/.*$/, '');
      depth +=
        (line.match(/[{[(]/g) ?? []).length -
        (line.match(/[}\])]/g) ?? []).length;
    }
    blocks.push({
      type: match[1],
      name: match[2],
      start: match.index!,
      end,
      attributes,
    });
  }
  return blocks;
}

/** Offset just past the `}` closing the block opened before `from`, skipping strings and comments. */
function closingBrace(content: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < content.length && depth > 0) {
    const c = content[i];
    if (c === '"') {
      i++;
      while (i < content.length && content[i] !== '"')
        i += content[i] === '\\' ? 2 : 1;
    } else if (c === '#' || (c === '/' && content[i + 1] === '/')) {
      while (i < content.length && content[i] !== '\n') i++;
    } else if (c === '/' && content[i + 1] === '*') {
      i = content.indexOf('*/', i + 2);
      if (i === -1) i = content.length;
      i++;
    } else if (c === '{') depth++;
    else if (c === '}') depth--;
    i++;
  }
  if (depth > 0)
    throw new InputError('A resource block is not closed (unbalanced braces)');
  return i;
}
