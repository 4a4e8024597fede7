import {
  CheckId,
  DiagnosisCause,
  MetricsCause,
  ScrapeErrorCause,
} from './types';

export const CHECK_TITLES: Record<CheckId, string> = {
  ingress: 'Ingress deployed',
  dns: 'DNS resolves',
  certificate: 'Certificate issued and valid',
  'security-group': 'Security group rule',
  connectivity: 'Connectivity from the portal',
  target: 'Ops Prometheus target',
  metrics: 'Metrics arriving',
  latency: 'Scrape duration',
};

/** A classified scrape or probe failure, in words an on-call engineer searches for. */
export const SCRAPE_ERROR_CAUSE_TEXT: Record<ScrapeErrorCause, string> = {
  'connection-refused': 'connection refused',
  dns: 'DNS lookup failed',
  tls: 'TLS certificate error',
  timeout: 'timeout',
  'not-found': 'HTTP 404 (wrong path)',
  'sample-limit': 'sample limit exceeded',
  'body-size-limit': 'body size limit exceeded',
  'http-vs-https': 'HTTP answer to an HTTPS scrape',
  'invalid-content-type': 'not Prometheus text format',
  'login-redirect': 'redirected to a login page',
  'http-status': 'HTTP error status',
  other: 'other error',
};

export const METRICS_CAUSE_TEXT: Record<MetricsCause, string> = {
  'honor-labels-missing': 'honor_labels missing: job and instance renamed',
  'application-target-down': "the leaf's application target is down",
  'selector-selects-nothing': 'match[] selects nothing',
  'wrong-metrics-path': 'the job scrapes /metrics, not /federate',
};

/** Every cause a check or headline can name, in words. */
export const DIAGNOSIS_CAUSE_TEXT: Record<DiagnosisCause, string> = {
  ...SCRAPE_ERROR_CAUSE_TEXT,
  ...METRICS_CAUSE_TEXT,
};

/** Annotation on a cluster Resource entity: the federated cluster's name. */
export const CLUSTER_ANNOTATION = 'prometheus-federation.io/cluster';

/** Annotation on an application Component: the value of its application label in http series. */
export const APPLICATION_ANNOTATION = 'prometheus-federation.io/application';

/**
 * Signals channel the backend publishes `{ generatedAt }` on when it stores a new snapshot;
 * the views refetch on it instead of waiting for their next poll.
 */
export const SNAPSHOT_SIGNAL_CHANNEL = 'prometheus-federation:snapshot';

/** The label the ops Prometheus federate job adds to every federated series. */
export const SOURCE_CLUSTER_LABEL = 'source_cluster';

/** `federate-<cluster>`: see docs/federation-setup.md#federate-jobs. */
export function federateJobName(cluster: string): string {
  return `federate-${cluster}`;
}

/**
 * The scrape pool of a Prometheus Operator `ScrapeConfig` resource: the operator names the
 * generated job `scrapeConfig/<namespace>/<name>`, and its `spec.jobName` only becomes the
 * `job` label through relabelling. Targets, lint and remediations find such a job here.
 */
export function scrapeConfigPoolName(namespace: string, name: string): string {
  return `scrapeConfig/${namespace}/${name}`;
}

/** The ScrapeConfig resource a scrape pool comes from, or undefined for any other pool. */
export function parseScrapeConfigPool(
  pool: string,
): { namespace: string; name: string } | undefined {
  const m = /^scrapeConfig\/([^/]+)\/([^/]+)$/.exec(pool);
  return m ? { namespace: m[1], name: m[2] } : undefined;
}
