import { Check } from '@promfed/plugin-prometheus-federation-common';
import { SecurityGroupRule } from '../collectors/types';
import { OpsSource } from '../config/options';
import { check, notConfigured, unknownFrom } from './check';
import { TriageContext } from './context';

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Whether CIDR `outer` contains every address of CIDR `inner`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [outerIp, outerBits] = outer.split('/');
  const [innerIp, innerBits] = inner.split('/');
  const ob = Number(outerBits ?? 32);
  const ib = Number(innerBits ?? 32);
  if (!outerIp.includes('.') || !innerIp.includes('.') || ib < ob) return false;
  const mask = ob === 0 ? 0 : (~0 << (32 - ob)) >>> 0;
  return (
    (ipv4ToInt(outerIp) & mask) >>> 0 === (ipv4ToInt(innerIp) & mask) >>> 0
  );
}

/** A rule lets the ops Prometheus in when it allows tcp 443 inbound from the ops group or the ops CIDR. */
export function allowsOps(rule: SecurityGroupRule, source: OpsSource): boolean {
  if (rule.isEgress) return false;
  if (rule.ipProtocol !== 'tcp' && rule.ipProtocol !== '-1') return false;
  const allPorts = rule.ipProtocol === '-1' || rule.fromPort === -1;
  if (!allPorts && !covers443(rule)) return false;
  if (
    source.securityGroupId &&
    rule.referencedGroupId === source.securityGroupId
  )
    return true;
  return !!(
    source.cidr &&
    rule.cidrIpv4 &&
    cidrContains(rule.cidrIpv4, source.cidr)
  );
}

/** The rule's port range includes 443. */
function covers443(rule: SecurityGroupRule): boolean {
  return (rule.fromPort ?? 0) <= 443 && (rule.toPort ?? 0) >= 443;
}

function describeRule(rule: SecurityGroupRule): string {
  const ports =
    rule.ipProtocol === '-1'
      ? 'all'
      : `${rule.ipProtocol} ${rule.fromPort}-${rule.toPort}`;
  const from = rule.referencedGroupId ?? rule.cidrIpv4 ?? '?';
  return `${rule.ruleId} ${
    rule.isEgress ? 'egress' : 'ingress'
  } ${ports} from ${from}`;
}

/**
 * 4. A rule on the leaf's node group allows tcp 443 from the ops group or ops CIDR
 * (docs/federation-setup.md#security-group-rule).
 */
export function securityGroupCheck(ctx: TriageContext): Check {
  const aws = ctx.cluster?.aws;
  const source = ctx.facts.securityGroupRules;
  if (!aws || !source)
    return notConfigured(
      'security-group',
      'aws.region and aws.nodeSecurityGroupId',
    );
  if (!source.ok) return unknownFrom('security-group', source);
  const ops = [aws.opsSource.securityGroupId, aws.opsSource.cidr]
    .filter(Boolean)
    .join(' or ');
  const matching = source.value.filter(rule => allowsOps(rule, aws.opsSource));
  const evidence = [
    { label: 'Node security group', value: aws.nodeSecurityGroupId },
    { label: 'Ops source', value: ops },
    { label: 'Rules read', value: String(source.value.length) },
  ];
  if (!matching.length) {
    const inbound443 = source.value.filter(r => !r.isEgress && covers443(r));
    if (inbound443.length)
      evidence.push({
        label: 'Other tcp 443 rules',
        value: inbound443.map(describeRule).join('; '),
      });
    return check(
      'security-group',
      'fail',
      `No rule on ${aws.nodeSecurityGroupId} allows tcp 443 from ${ops}.`,
      evidence,
    );
  }
  evidence.push({
    label: 'Matching rule',
    value: matching.map(describeRule).join('; '),
  });
  return check(
    'security-group',
    'pass',
    `${matching[0].ruleId} allows tcp 443 from ${ops}.`,
    evidence,
  );
}
