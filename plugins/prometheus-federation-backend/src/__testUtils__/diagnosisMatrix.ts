import type { LabFault } from '@promfed/federation-lab';
import {
  CheckId,
  ClusterState,
  ClusterSummary,
  DiagnosisCause,
  MetricsCause,
  ScrapeErrorCause,
} from '@promfed/plugin-prometheus-federation-common';

/** What one lab fault must look like for the faulted cluster (docs/federation-setup.md#headline-policy). */
export interface Diagnosis {
  state: ClusterState;
  check: CheckId;
  /** The classified cause: the target's, or why metrics are missing. */
  cause?: DiagnosisCause;
  /** What the headline's summary says (`<c>` is the cluster). */
  summary: string | RegExp;
}

const down = (cause: ScrapeErrorCause, words: string): Diagnosis => ({
  state: 'down',
  check: 'target',
  cause,
  summary: `federate-<c> is down: ${words}`,
});

const metrics = (cause: MetricsCause, summary: RegExp): Diagnosis => ({
  state: 'degraded',
  check: 'metrics',
  cause,
  summary,
});

/**
 * The lab dials each leaf by address (as ops Prometheus has no custom resolver): DNS and Ingress
 * faults leave the target up, so they degrade rather than bring the cluster down.
 */
export const DIAGNOSES: Record<LabFault, Diagnosis> = {
  'leaf-down': down('connection-refused', 'connection refused'),
  'slow-federate': down('timeout', 'timeout'),
  'sample-limit': down('sample-limit', 'sample limit exceeded'),
  'body-size-limit': down('body-size-limit', 'body size limit exceeded'),
  'wrong-path': down('not-found', 'HTTP 404 (wrong path)'),
  'plain-http': down('http-vs-https', 'HTTP answer to an HTTPS scrape'),
  'certificate-expired': {
    state: 'down',
    check: 'certificate',
    summary: /expired/,
  },
  'certificate-wrong-host': {
    state: 'down',
    check: 'certificate',
    summary: /does not name/,
  },
  'certificate-not-ready': {
    state: 'degraded',
    check: 'certificate',
    summary: /Renewal of .* is failing/,
  },
  'security-group-rule-removed': {
    state: 'degraded',
    check: 'security-group',
    summary: /No rule on .* allows tcp 443/,
  },
  'ingress-missing': {
    state: 'degraded',
    check: 'ingress',
    summary: /does not exist/,
  },
  'ingress-no-address': {
    state: 'degraded',
    check: 'ingress',
    summary: /no load balancer address/,
  },
  'dns-missing': {
    state: 'degraded',
    check: 'dns',
    summary: /does not resolve/,
  },
  'dns-wrong-address': {
    state: 'degraded',
    check: 'dns',
    summary: /not to the Ingress load balancer/,
  },
  'replicas-doubled': {
    state: 'degraded',
    check: 'metrics',
    summary: /arrives 2 times/,
  },
  'apps-no-http-metrics': {
    state: 'degraded',
    check: 'metrics',
    summary: /No new http samples/,
  },
  'honor-labels-missing': metrics(
    'honor-labels-missing',
    /lacks honor_labels: true/,
  ),
  'app-target-down': metrics(
    'application-target-down',
    /the application target is down on the leaf/,
  ),
  'selector-selects-nothing': metrics(
    'selector-selects-nothing',
    /match\[\] selects nothing/,
  ),
  'scrape-metrics-path': metrics(
    'wrong-metrics-path',
    /scrapes \/metrics, not \/federate/,
  ),
  'login-redirect': {
    ...down('login-redirect', ''),
    summary: /is down: \/federate redirects to a login page \(\/login\)/,
  },
};

export function expectedText(d: Diagnosis, cluster: string): string {
  const summary =
    typeof d.summary === 'string'
      ? d.summary.replace('<c>', cluster)
      : `/${d.summary.source}/`;
  return `${d.state}, ${d.check}${d.cause ? ` (${d.cause})` : ''}: ${summary}`;
}

export function observedText(c: ClusterSummary | undefined): string {
  if (!c) return '(missing)';
  const h = c.headline;
  if (!h) return `${c.state}, no headline`;
  return `${c.state}, ${h.check}${h.cause ? ` (${h.cause})` : ''}: ${
    h.summary
  }`;
}

/** Whether the headline names the expected check, cause and summary (the state may still move). */
export function headlineMatches(
  d: Diagnosis,
  c: ClusterSummary,
  cluster: string,
): boolean {
  const h = c.headline;
  if (!h || h.check !== d.check) return false;
  if (d.cause && h.cause !== d.cause) return false;
  return typeof d.summary === 'string'
    ? h.summary === d.summary.replace('<c>', cluster)
    : d.summary.test(h.summary);
}

/**
 * Whether the first diagnosis shown names the cause: the expected check, or, for a target cause,
 * another check naming the same cause (a sample limit seen in the samples before the scrape fails).
 */
export function namesCause(
  d: Diagnosis,
  c: ClusterSummary,
  cluster: string,
): boolean {
  return (
    headlineMatches(d, c, cluster) ||
    (d.cause !== undefined && c.headline?.cause === d.cause)
  );
}

export function matches(
  d: Diagnosis,
  c: ClusterSummary,
  cluster: string,
): boolean {
  return c.state === d.state && headlineMatches(d, c, cluster);
}
