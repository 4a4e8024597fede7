import { indexRulesByGroup } from './securityGroupIndex';
import { SecurityGroupRule } from './types';

const rule = (groupId: string, port: number) =>
  ({ groupId, fromPort: port, toPort: port } as unknown as SecurityGroupRule);

describe('indexRulesByGroup', () => {
  it("finds a group's rules in its region, in the order EC2 listed them", () => {
    const rulesOf = indexRulesByGroup({
      'eu-west-1': {
        ok: true,
        value: [rule('sg-a', 443), rule('sg-b', 443), rule('sg-a', 9090)],
      },
      'us-east-1': { ok: false, reason: 'EC2 us-east-1: throttled' },
    });
    expect(rulesOf('eu-west-1', 'sg-a')).toEqual([
      rule('sg-a', 443),
      rule('sg-a', 9090),
    ]);
    expect(rulesOf('eu-west-1', 'sg-c')).toEqual([]);
    expect(rulesOf('us-east-1', 'sg-a')).toEqual([]);
  });
});
