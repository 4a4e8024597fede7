import {
  Check,
  CheckId,
  Headline,
  ProbeEvidence,
  Remediation,
} from '@promfed/plugin-prometheus-federation-common';
import { PromTarget, Sourced } from '../collectors/types';

/** Checks 1 to 4: when the target is down, the first of them that fails is usually the cause. */
export const PREREQUISITES: readonly CheckId[] = [
  'ingress',
  'dns',
  'certificate',
  'security-group',
];

/** `ops Prometheus unreachable: /api/v1/targets: connection refused`. */
export function opsUnreachableSummary(reason: string): string {
  return `ops Prometheus unreachable: ${opsErrorText(reason)}`;
}

/** The ops source's reason without the source's own name: `/api/v1/targets: connection refused`. */
export function opsErrorText(reason: string): string {
  return reason.replace(/^ops Prometheus\s*/, '');
}

export interface HeadlineChoice {
  headline?: Headline;
  remediation?: Remediation;
}

const fromCheck = (c: Check, probe?: ProbeEvidence): HeadlineChoice => ({
  headline: {
    check: c.id,
    summary: c.summary,
    ...(c.cause ? { cause: c.cause } : {}),
    ...(probe ? { probe } : {}),
  },
  remediation: c.remediation,
});

/** The portal's probe beside a down target: it agrees when it fails too. */
function probeEvidence(checks: Check[]): ProbeEvidence | undefined {
  const probe = checks.find(c => c.id === 'connectivity');
  if (!probe || probe.result === 'not-configured') return undefined;
  return {
    result: probe.result,
    summary: probe.summary,
    agrees: probe.result === 'fail',
  };
}

/**
 * The headline (docs/federation-setup.md#headline-policy). The ops target is the authority;
 * the first rule that applies wins:
 * 1. ops Prometheus cannot be read: say so, with the source and the reason;
 * 2. configured but no federate job: "not federated", with the remediation that adds it;
 * 3. target down or never scraped: the first failing prerequisite, else the target's own
 *    classified cause; the portal's probe is evidence beside it, never the headline;
 * 4. target up: the first fail, else the first warn, in chain order.
 */
export function chooseHeadline(
  ops: Sourced<unknown>,
  target: PromTarget | undefined,
  checks: Check[],
): HeadlineChoice {
  if (!ops.ok)
    return {
      headline: { check: 'target', summary: opsUnreachableSummary(ops.reason) },
    };
  const targetCheck = checks.find(c => c.id === 'target')!;
  if (!target || targetCheck.result === 'unknown')
    return fromCheck(targetCheck);
  const down = target.health !== 'up' || !(Date.parse(target.lastScrape) > 0);
  if (down) {
    const prerequisite = checks.find(
      c => PREREQUISITES.includes(c.id) && c.result === 'fail',
    );
    return fromCheck(prerequisite ?? targetCheck, probeEvidence(checks));
  }
  const found =
    checks.find(c => c.result === 'fail') ??
    checks.find(c => c.result === 'warn');
  return found ? fromCheck(found) : {};
}
