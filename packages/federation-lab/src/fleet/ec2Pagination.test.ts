import { describe as describeAction, MAX_FILTER_VALUES } from '../ec2/query';
import {
  federationRuleId,
  nodeSecurityGroupId,
  seedEc2World,
} from '../ec2/world';
import { fleetClusterName } from './options';

const clusters = Array.from({ length: 1000 }, (_, i) => fleetClusterName(i));
const world = seedEc2World(clusters);

/** DescribeSecurityGroupRules for `groups`, following NextToken as the SDK's callers do. */
function allPages(groups: string[], maxResults: number) {
  const rules: string[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const params = new URLSearchParams({
      Action: 'DescribeSecurityGroupRules',
      'Filter.1.Name': 'group-id',
      MaxResults: String(maxResults),
    });
    groups.forEach((g, i) => params.set(`Filter.1.Value.${i + 1}`, g));
    if (token) params.set('NextToken', token);
    const page = describeAction(world, params);
    pages++;
    rules.push(
      ...(page.items as Array<{ securityGroupRuleId: string }>).map(
        r => r.securityGroupRuleId,
      ),
    );
    token = page.nextToken;
  } while (token);
  return { rules, pages };
}

describe('EC2 paging over a fleet', () => {
  it('pages a thousand clusters’ rules 200 groups at a time, every rule once', () => {
    const started = Date.now();
    const seen: string[] = [];
    let pages = 0;
    for (let i = 0; i < clusters.length; i += MAX_FILTER_VALUES) {
      const chunk = clusters
        .slice(i, i + MAX_FILTER_VALUES)
        .map(nodeSecurityGroupId);
      const r = allPages(chunk, 100);
      seen.push(...r.rules);
      pages += r.pages;
    }
    // Three rules per node group: 600 per chunk, six pages of 100.
    expect(seen).toHaveLength(3000);
    expect(new Set(seen).size).toBe(3000);
    expect(pages).toBe(30);
    expect(seen).toContain(federationRuleId('leaf-0777'));
    // Exact values are matched without a regular expression each: fast at this size.
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses more than 200 filter values, as EC2 does', () => {
    const groups = clusters
      .slice(0, MAX_FILTER_VALUES + 1)
      .map(nodeSecurityGroupId);
    expect(() => allPages(groups, 1000)).toThrow(
      expect.objectContaining({ code: 'FilterLimitExceeded', status: 400 }),
    );
  });
});
