import {
  Check,
  CHECK_TITLES,
  CheckId,
  CheckResult,
  Evidence,
} from '@promfed/plugin-prometheus-federation-common';
import { Sourced } from '../collectors/types';

export function check(
  id: CheckId,
  result: CheckResult,
  summary: string,
  evidence: Evidence[] = [],
  extra: Partial<Check> = {},
): Check {
  return { id, title: CHECK_TITLES[id], result, summary, evidence, ...extra };
}

export function notConfigured(id: CheckId, what: string): Check {
  return check(
    id,
    'not-configured',
    `Not configured: add ${what} to the cluster's prometheusFederation config.`,
  );
}

/**
 * An upstream could not be read: the check is unknown, with the reason as the collectors word it,
 * `<source>: <reason>` ("Kubernetes blue: timeout after 5 s"); the raw error goes to the evidence.
 */
export function unknownFrom(
  id: CheckId,
  source: Extract<Sourced<unknown>, { ok: false }>,
): Check {
  const evidence =
    source.detail && !source.reason.endsWith(source.detail)
      ? [{ label: 'Error', value: source.detail }]
      : [];
  return check(
    id,
    'unknown',
    `Could not be checked: ${source.reason}`,
    evidence,
    { reason: source.reason },
  );
}

export const DAY = 86400;

export function ageText(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 2 * DAY) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / DAY)}d`;
}

/** Prometheus durations such as "10s", "1m30s". */
export function parseDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = {
    ms: 0.001,
    s: 1,
    m: 60,
    h: 3600,
    d: DAY,
    w: 7 * DAY,
    y: 365 * DAY,
  };
  let total = 0;
  let matched = false;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)) {
    total += Number(n) * units[unit];
    matched = true;
  }
  return matched ? total : undefined;
}
