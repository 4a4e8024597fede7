import { Ec2Error } from './errors';
import {
  describe as describeAction,
  filterRules,
  paginate,
  parseFilters,
  parseList,
} from './query';
import {
  federationRuleId,
  nodeSecurityGroupId,
  opsClusterSecurityGroupId,
  seedEc2World,
} from './world';

const world = seedEc2World(['blue', 'green']);
const form = (s: string) => new URLSearchParams(s);

describe('parseFilters', () => {
  it('reads the Query API flattened Filter.N.Name / Value.M in order', () => {
    expect(
      parseFilters(
        form(
          'Filter.2.Name=tag:Name&Filter.1.Name=group-id&Filter.1.Value.2=sg-b&Filter.1.Value.1=sg-a&Filter.2.Value.1=x',
        ),
      ),
    ).toEqual([
      { name: 'group-id', values: ['sg-a', 'sg-b'] },
      { name: 'tag:Name', values: ['x'] },
    ]);
    expect(
      parseList(form('GroupId.2=sg-2&GroupId.1=sg-1&Other=1'), 'GroupId'),
    ).toEqual(['sg-1', 'sg-2']);
  });
});

describe('filterRules', () => {
  it('filters by group-id, rule id, tag and wildcard, and rejects other filters', () => {
    const blue = filterRules(world.rules, [
      { name: 'group-id', values: [nodeSecurityGroupId('blue')] },
    ]);
    expect(blue).toHaveLength(3);
    expect(blue.every(r => r.groupId === nodeSecurityGroupId('blue'))).toBe(
      true,
    );
    expect(
      filterRules(world.rules, [
        { name: 'security-group-rule-id', values: [federationRuleId('green')] },
      ])[0],
    ).toMatchObject({
      fromPort: 443,
      referencedGroupInfo: { groupId: opsClusterSecurityGroupId() },
    });
    expect(
      filterRules(world.rules, [{ name: 'group-id', values: ['sg-*'] }]),
    ).toHaveLength(world.rules.length);
    expect(
      filterRules(world.rules, [{ name: 'tag:Name', values: ['x'] }]),
    ).toEqual([]);
    expect(() =>
      filterRules(world.rules, [{ name: 'from-port', values: ['443'] }]),
    ).toThrow(expect.objectContaining({ code: 'InvalidParameterValue' }));
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 12 }, (_, i) => i);

  it('pages with an opaque NextToken until the end', () => {
    const first = paginate(items, 'A', '5', null);
    expect(first.page).toEqual([0, 1, 2, 3, 4]);
    const second = paginate(items, 'A', '5', first.nextToken!);
    const third = paginate(items, 'A', '5', second.nextToken!);
    expect(third.page).toEqual([10, 11]);
    expect(third.nextToken).toBeUndefined();
    expect(paginate(items, 'A', null, null).page).toHaveLength(12);
  });

  it('rejects MaxResults out of range and foreign tokens', () => {
    expect(() => paginate(items, 'A', '4', null)).toThrow(/between 5 and 1000/);
    const token = paginate(items, 'A', '5', null).nextToken!;
    expect(() => paginate(items, 'B', '5', token)).toThrow(Ec2Error);
    expect(() => paginate(items, 'A', '5', 'garbage')).toThrow(/nextToken/);
  });
});

describe('the describe actions', () => {
  it('answers InvalidGroup.NotFound for an unknown GroupId, and InvalidAction for others', () => {
    expect(() =>
      describeAction(
        world,
        form('Action=DescribeSecurityGroups&GroupId.1=sg-nope'),
      ),
    ).toThrow(
      expect.objectContaining({ code: 'InvalidGroup.NotFound', status: 400 }),
    );
    expect(() => describeAction(world, form('Action=RunInstances'))).toThrow(
      expect.objectContaining({ code: 'InvalidAction' }),
    );
    const groups = describeAction(
      world,
      form(
        `Action=DescribeSecurityGroups&GroupId.1=${nodeSecurityGroupId(
          'green',
        )}`,
      ),
    );
    expect(groups.items).toHaveLength(1);
  });
});
