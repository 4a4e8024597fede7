import {
  allowsOps,
  cidrContains,
  securityGroupCheck,
} from './securityGroupCheck';
import { context, healthyFacts } from '../__testUtils__/triageFixtures';
import { SecurityGroupRule } from '../collectors/types';

const rule = (r: Partial<SecurityGroupRule>): SecurityGroupRule => ({
  ruleId: 'sgr-x',
  groupId: 'sg-0bbbbbbbbbbbbbbbb',
  isEgress: false,
  ipProtocol: 'tcp',
  fromPort: 443,
  toPort: 443,
  ...r,
});

describe('securityGroupCheck', () => {
  it('accepts the ops security group (peering) or the ops NAT CIDR (public NLB)', () => {
    const source = {
      securityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
      cidr: '203.0.113.10/32',
    };
    expect(
      allowsOps(rule({ referencedGroupId: 'sg-0aaaaaaaaaaaaaaaa' }), source),
    ).toBe(true);
    expect(allowsOps(rule({ cidrIpv4: '203.0.113.10/32' }), source)).toBe(true);
    expect(allowsOps(rule({ cidrIpv4: '203.0.113.0/24' }), source)).toBe(true);
    expect(
      allowsOps(
        rule({
          ipProtocol: '-1',
          fromPort: -1,
          toPort: -1,
          referencedGroupId: 'sg-0aaaaaaaaaaaaaaaa',
        }),
        source,
      ),
    ).toBe(true);
  });

  it('rejects egress, other ports, other protocols and other sources', () => {
    const source = { securityGroupId: 'sg-0aaaaaaaaaaaaaaaa' };
    expect(
      allowsOps(
        rule({ isEgress: true, referencedGroupId: 'sg-0aaaaaaaaaaaaaaaa' }),
        source,
      ),
    ).toBe(false);
    expect(
      allowsOps(
        rule({
          fromPort: 80,
          toPort: 80,
          referencedGroupId: 'sg-0aaaaaaaaaaaaaaaa',
        }),
        source,
      ),
    ).toBe(false);
    expect(
      allowsOps(
        rule({ ipProtocol: 'udp', referencedGroupId: 'sg-0aaaaaaaaaaaaaaaa' }),
        source,
      ),
    ).toBe(false);
    expect(
      allowsOps(rule({ referencedGroupId: 'sg-0cccccccccccccccc' }), source),
    ).toBe(false);
    expect(cidrContains('10.0.0.0/8', '203.0.113.10/32')).toBe(false);
  });

  it('fails with the other 443 rules as evidence when the ops rule is missing', () => {
    const facts = healthyFacts();
    facts.securityGroupRules = {
      ok: true,
      value: [rule({ ruleId: 'sgr-other', cidrIpv4: '10.0.0.0/8' })],
    };
    const c = securityGroupCheck(context(facts));
    expect(c.result).toBe('fail');
    expect(c.summary).toBe(
      'No rule on sg-0bbbbbbbbbbbbbbbb allows tcp 443 from sg-0aaaaaaaaaaaaaaaa or 203.0.113.10/32.',
    );
    expect(c.evidence).toContainEqual({
      label: 'Other tcp 443 rules',
      value: 'sgr-other ingress tcp 443-443 from 10.0.0.0/8',
    });
  });

  it('is unknown with the reason when EC2 could not be read, and not configured without aws', () => {
    const facts = healthyFacts();
    facts.securityGroupRules = {
      ok: false,
      reason: 'timeout: EC2 eu-west-1 did not answer within 10s',
      timedOut: true,
    };
    expect(securityGroupCheck(context(facts))).toMatchObject({
      result: 'unknown',
      reason: 'timeout: EC2 eu-west-1 did not answer within 10s',
    });
    const ctx = context();
    expect(
      securityGroupCheck({
        ...ctx,
        cluster: { ...ctx.cluster!, aws: undefined },
      }).result,
    ).toBe('not-configured');
  });
});
