import { Ec2Error } from './errors';
import type { Ec2World, SecurityGroup, SecurityGroupRule } from './world';

export interface Ec2Filter {
  name: string;
  values: string[];
}

/** `Filter.N.Name` / `Filter.N.Value.M` from the Query API's flattened form parameters. */
export function parseFilters(params: URLSearchParams): Ec2Filter[] {
  const byIndex = new Map<number, Ec2Filter>();
  for (const [key, value] of params) {
    const m = /^Filter\.(\d+)\.(Name|Value\.(\d+))$/.exec(key);
    if (!m) continue;
    const n = Number(m[1]);
    const f = byIndex.get(n) ?? { name: '', values: [] };
    if (m[2] === 'Name') f.name = value;
    else f.values[Number(m[3]) - 1] = value;
    byIndex.set(n, f);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, f]) => ({
      name: f.name,
      values: f.values.filter(v => v !== undefined),
    }));
}

/** `Prefix.1`, `Prefix.2`, ... as a list. */
export function parseList(params: URLSearchParams, prefix: string): string[] {
  const items: Array<[number, string]> = [];
  for (const [key, value] of params) {
    const m = new RegExp(`^${prefix}\\.(\\d+)$`).exec(key);
    if (m) items.push([Number(m[1]), value]);
  }
  return items.sort(([a], [b]) => a - b).map(([, v]) => v);
}

/**
 * EC2 filter values accept `*` and `?` wildcards. Compiled once per filter: a thousand group ids
 * matched against thousands of rules must not build a regular expression per comparison.
 */
function valueMatcher(
  values: string[],
): (actual: string | undefined) => boolean {
  const exact = new Set(values.filter(v => !/[*?]/.test(v)));
  const patterns = values
    .filter(v => /[*?]/.test(v))
    .map(
      v =>
        new RegExp(
          `^${v
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        ),
    );
  return actual =>
    actual !== undefined &&
    (exact.has(actual) || patterns.some(re => re.test(actual)));
}

/**
 * EC2 refuses more than 200 filter values in one call (FilterLimitExceeded), so a client that
 * asks for a thousand groups at once must split them.
 */
export const MAX_FILTER_VALUES = 200;

type Field<T> = (item: T, filterName: string) => string | string[] | undefined;

function applyFilters<T extends { tags: Record<string, string> }>(
  items: T[],
  filters: Ec2Filter[],
  fields: Record<string, Field<T>>,
): T[] {
  for (const f of filters) {
    if (!f.name.startsWith('tag:') && f.name !== 'tag-key' && !fields[f.name]) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `The filter '${f.name}' is invalid`,
      );
    }
  }
  const valueCount = filters.reduce((n, f) => n + f.values.length, 0);
  if (valueCount > MAX_FILTER_VALUES) {
    throw new Ec2Error(
      'FilterLimitExceeded',
      `The maximum number of filter values specified on a single call is ${MAX_FILTER_VALUES}`,
    );
  }
  const matchers = filters.map(f => ({ f, matches: valueMatcher(f.values) }));
  return items.filter(item =>
    matchers.every(({ f, matches }) => {
      let actual: string | string[] | undefined;
      if (f.name.startsWith('tag:')) actual = item.tags[f.name.slice(4)];
      else if (f.name === 'tag-key') actual = Object.keys(item.tags);
      else actual = fields[f.name](item, f.name);
      const list = Array.isArray(actual) ? actual : [actual];
      return list.some(matches);
    }),
  );
}

/** The filters DescribeSecurityGroupRules supports: group-id, security-group-rule-id, tag:<k>. */
export function filterRules(
  rules: SecurityGroupRule[],
  filters: Ec2Filter[],
): SecurityGroupRule[] {
  return applyFilters(rules, filters, {
    'group-id': r => r.groupId,
    'security-group-rule-id': r => r.securityGroupRuleId,
  });
}

export function filterGroups(
  groups: SecurityGroup[],
  filters: Ec2Filter[],
): SecurityGroup[] {
  return applyFilters(groups, filters, {
    'group-id': g => g.groupId,
    'group-name': g => g.groupName,
    description: g => g.description,
    'vpc-id': g => g.vpcId,
    'owner-id': g => g.ownerId,
  });
}

/** MaxResults / NextToken paging: the token is opaque to clients and bound to the action. */
export function paginate<T>(
  items: T[],
  action: string,
  maxResultsParam: string | null,
  nextTokenParam: string | null,
): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (nextTokenParam) {
    try {
      const decoded = JSON.parse(
        Buffer.from(nextTokenParam, 'base64url').toString('utf8'),
      );
      if (decoded.a !== action || !Number.isInteger(decoded.o) || decoded.o < 0)
        throw new Error('bad');
      offset = decoded.o;
    } catch {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Invalid value '${nextTokenParam}' for nextToken`,
      );
    }
  }
  if (maxResultsParam === null) return { page: items.slice(offset) };
  const max = Number(maxResultsParam);
  if (!Number.isInteger(max) || max < 5 || max > 1000) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value ( ${maxResultsParam} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  }
  const page = items.slice(offset, offset + max);
  const next =
    offset + max < items.length
      ? Buffer.from(JSON.stringify({ a: action, o: offset + max })).toString(
          'base64url',
        )
      : undefined;
  return { page, nextToken: next };
}

/** Runs one Query API action against the world; returns the response fields for XML rendering. */
export function describe(
  world: Ec2World,
  params: URLSearchParams,
): { action: string; items: unknown[]; nextToken?: string } {
  const action = params.get('Action') ?? '';
  const filters = parseFilters(params);
  if (action === 'DescribeSecurityGroupRules') {
    const ids = parseList(params, 'SecurityGroupRuleId');
    for (const id of ids) {
      if (!world.rules.some(r => r.securityGroupRuleId === id)) {
        throw new Ec2Error(
          'InvalidSecurityGroupRuleId.NotFound',
          `The security group rule ID '${id}' does not exist`,
        );
      }
    }
    let rules = filterRules(world.rules, filters);
    if (ids.length)
      rules = rules.filter(r => ids.includes(r.securityGroupRuleId));
    const { page, nextToken } = paginate(
      rules,
      action,
      params.get('MaxResults'),
      params.get('NextToken'),
    );
    return { action, items: page, nextToken };
  }
  if (action === 'DescribeSecurityGroups') {
    const ids = parseList(params, 'GroupId');
    for (const id of ids) {
      if (!world.groups.some(g => g.groupId === id)) {
        throw new Ec2Error(
          'InvalidGroup.NotFound',
          `The security group '${id}' does not exist`,
        );
      }
    }
    const names = parseList(params, 'GroupName');
    for (const name of names) {
      if (!world.groups.some(g => g.groupName === name)) {
        throw new Ec2Error(
          'InvalidGroup.NotFound',
          `The security group '${name}' does not exist in default VPC`,
        );
      }
    }
    let groups = filterGroups(world.groups, filters);
    if (ids.length) groups = groups.filter(g => ids.includes(g.groupId));
    if (names.length) groups = groups.filter(g => names.includes(g.groupName));
    const { page, nextToken } = paginate(
      groups,
      action,
      params.get('MaxResults'),
      params.get('NextToken'),
    );
    return { action, items: page, nextToken };
  }
  throw new Ec2Error(
    'InvalidAction',
    `The action ${action || '(none)'} is not valid for this web service.`,
  );
}
