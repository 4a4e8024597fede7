import {
  CHECK_TITLES,
  ClusterSummary,
  ProbeEvidence,
} from '@promfed/plugin-prometheus-federation-common';

/**
 * Ops Prometheus could not be read: the backend then leaves `federated` undefined. The page says
 * why once, in a banner, rather than repeating the same reason as each cluster's own problem.
 */
export function opsPrometheusUnread(c: ClusterSummary): boolean {
  return c.federated === undefined && c.state === 'unknown';
}

/** What an on-call engineer reads first about a cluster, in one line. */
export function headlineText(c: ClusterSummary): string {
  if (c.headline)
    return `${CHECK_TITLES[c.headline.check]}: ${c.headline.summary}`;
  return c.state === 'healthy' ? 'All checks pass' : '—';
}

/** The headline in a row of the status page, whose banner already says why ops Prometheus is unread. */
export function rowHeadlineText(c: ClusterSummary): string {
  return opsPrometheusUnread(c)
    ? 'Unknown: ops Prometheus unreachable'
    : headlineText(c);
}

/** The portal's own probe, as evidence beside the authority (the ops Prometheus target). */
export function probeText(
  probe: ProbeEvidence | undefined,
): string | undefined {
  if (!probe) return undefined;
  return `The portal's probe ${probe.agrees ? 'agrees' : 'disagrees'}: ${
    probe.summary
  }`;
}
