/** Raw facts as the collectors read them. No judgement here: triage/ decides what they mean. */
import type { CostPoint } from '@promfed/plugin-prometheus-federation-common';

/** The outcome of reading one upstream: the value, or why it could not be read. */
export type Sourced<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** `<source>: <reason in words>`, e.g. `ops Prometheus /api/v1/targets: connection refused`. */
      reason: string;
      timedOut?: boolean;
      /** The raw error, for the evidence. */
      detail?: string;
    };

export interface PromTarget {
  job: string;
  instance: string;
  scrapePool: string;
  scrapeUrl: string;
  labels: Record<string, string>;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  scrapeInterval: string;
  scrapeTimeout: string;
}

export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
}

export interface PromAlertRule {
  group: string;
  name: string;
  query: string;
  health: string;
  lastError?: string;
}

/** The federate-* scrape jobs of the running configuration, as far as the backend needs them. */
export interface ScrapeJobConfig {
  jobName: string;
  /** `honor_labels: true`; undefined when not read. Without it the leaf's job/instance are renamed. */
  honorLabels?: boolean;
  insecureSkipVerify: boolean;
  sampleLimit?: number;
  /** What the probe needs to scrape as the job does (see scrapeJobConfig.ts). */
  scheme?: 'http' | 'https';
  metricsPath?: string;
  match?: string[];
  serverName?: string;
  /** A CA file path on the ops host: named in evidence, not readable by the backend. */
  caFile?: string;
  /** An inline CA (tls_config.ca), usable by the backend. */
  ca?: string;
  /** The job authenticates; ops Prometheus redacts the secret, so the probe cannot. */
  auth?: 'basic' | 'authorization' | 'oauth2';
}

export interface ClusterSeries {
  /** Per application label value: http series and newest sample time (unix seconds). */
  applications: Record<string, { series: number; newestSample?: number }>;
  httpSeries: number;
  newestSample?: number;
}

/** Everything one refresh reads from ops Prometheus, for all clusters at once. */
export interface OpsPrometheusFacts {
  targets: PromTarget[];
  alerts: Sourced<PromAlert[]>;
  rules: Sourced<PromAlertRule[]>;
  scrapeJobs: Sourced<ScrapeJobConfig[]>;
  /** By job label. */
  scrapeDuration: Record<string, number>;
  samplesScraped: Record<string, number>;
  seriesAdded: Record<string, number>;
  /** By source_cluster. */
  series: Sourced<Record<string, ClusterSeries>>;
  /** Distinct replica label values federated per source_cluster. */
  replicas: Record<string, number>;
  /** Newest leaf sample time per source_cluster and prometheus_replica value ('' for none). */
  replicaSamples?: Record<string, Record<string, number>>;
  /** When ops Prometheus evaluated the freshness queries, on its clock (unix seconds). */
  queriedAt?: number;
  /** By job: the last time (unix seconds) the federate target was seen down, within 10 minutes. */
  lastDownAt?: Record<string, number>;
  /** By source_cluster: the leaf's own scrape jobs whose federated `up` is 0 (opsPrometheusCauses.ts). */
  leafTargetsDown?: Record<string, string[]>;
  /** By source_cluster: federated series whose job arrived renamed to `exported_job`. */
  renamedSeries?: Record<string, number>;
  /** When ops Prometheus last loaded its configuration (unix seconds, its clock; runtimeinfo). */
  configLoadedAt?: number;
}

export interface IngressFacts {
  found: boolean;
  hosts: string[];
  tlsSecrets: string[];
  tlsHosts: string[];
  loadBalancer: Array<{ ip?: string; hostname?: string }>;
}

/** One parent Gateway of an HTTPRoute: the route's status for it and the Gateway's addresses. */
export interface HttpRouteParent {
  namespace: string;
  name: string;
  /** `status.parents[].conditions` for this parent (Accepted, ResolvedRefs). */
  conditions: CertificateCondition[];
  /** The Gateway's `status.addresses` values; undefined when the Gateway could not be read. */
  addresses?: string[];
  /** Why the Gateway's addresses are unknown (not found, forbidden). */
  gatewayError?: string;
}

export interface HttpRouteFacts {
  found: boolean;
  hostnames: string[];
  parents: HttpRouteParent[];
}

export interface CertificateCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface CertificateFacts {
  found: boolean;
  dnsNames: string[];
  conditions: CertificateCondition[];
  notAfter?: string;
  renewalTime?: string;
  failedIssuanceAttempts?: number;
}

export interface KubernetesFacts {
  ingress: Sourced<IngressFacts>;
  /** Read in gateway mode, or when the Ingress is missing (see gatewayApi.ts). */
  httpRoute?: Sourced<HttpRouteFacts>;
  certificate: Sourced<CertificateFacts>;
}

export interface SecurityGroupRule {
  ruleId: string;
  groupId: string;
  isEgress: boolean;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  referencedGroupId?: string;
  description?: string;
}

export interface DnsFacts {
  addresses: string[];
  /** What the Ingress load balancer's host names resolve to, to compare with. */
  loadBalancerAddresses?: string[];
  /** Resolver error code, e.g. ENOTFOUND, when the name did not resolve. */
  error?: string;
}

export interface ServedCertificate {
  subject: string;
  issuer: string;
  dnsNames: string[];
  validFrom: string;
  validTo: string;
  /** Subject common names from leaf to root as served. */
  chain: string[];
  /** Trusted by the system CAs plus the configured CA. */
  authorized: boolean;
  authorizationError?: string;
  /** The certificate names the host. */
  hostnameMatches: boolean;
}

export interface TlsFacts {
  certificate?: ServedCertificate;
  /**
   * The leaf's TLS session was resumed (no certificate exchange): the certificate is the one its
   * last full handshake showed, at this time (ISO 8601). Absent after a full handshake.
   */
  shownAt?: string;
  /** Why no handshake was made, e.g. the job scrapes over plain HTTP. */
  skipped?: string;
  /** Handshake error code or message when no certificate could be read. */
  error?: string;
}

/** How the probe scrapes: as the federate job does, or from the plugin config without a job. */
export interface ProbePlan {
  /** The URL to GET, with the job's scheme, host, port, path and params. */
  url: string;
  /** TLS server name (the job's server_name, else the URL's host). */
  serverName: string;
  /** Verify the served certificate, as the job does unless insecure_skip_verify. */
  verify: boolean;
  /** An inline CA of the job, beside the system roots and the plugin's tls.caFile. */
  ca?: string;
  auth?: ScrapeJobConfig['auth'];
  from: 'job' | 'config';
}

export interface ProbeFacts {
  status?: number;
  /** A redirect's Location (an auth proxy's login page, say); the probe does not follow it. */
  location?: string;
  contentType?: string;
  /** The body looks like Prometheus text exposition. */
  textFormat: boolean;
  durationMs: number;
  error?: string;
  errorCode?: string;
}

/** The facts for one configured cluster (each source may have failed on its own). */
export interface ClusterFacts {
  kubernetes?: KubernetesFacts;
  securityGroupRules?: Sourced<SecurityGroupRule[]>;
  dns?: Sourced<DnsFacts>;
  tls?: Sourced<TlsFacts>;
  probe?: Sourced<ProbeFacts>;
  probePlan?: ProbePlan;
  /**
   * The TLS and probe facts are those of this earlier probe (ISO 8601), used again: ops
   * Prometheus scrapes the leaf without error and nothing the probe depends on changed since.
   */
  probeReusedFrom?: string;
}

export interface FederationFacts {
  collectedAt: number;
  ops: Sourced<OpsPrometheusFacts>;
  clusters: Record<string, ClusterFacts>;
}

/** Grafana's dashboards as its API returns them, for metric usage (cost/ reads the queries). */
export interface GrafanaDashboards {
  /** The `dashboard` object of each `GET /api/dashboards/uid/<uid>`. */
  dashboards: Array<Record<string, unknown>>;
  /** Library panel models by uid (`GET /api/library-elements/<uid>` -> result.model). */
  libraryPanels: Record<string, Record<string, unknown>>;
  /** Dashboards or library panels that could not be read, with the reason. */
  skipped: string[];
}

/** The federate job's own scrape metrics (body size and timeout need extra-scrape-metrics). */
export interface ScrapeFigures {
  samplesPerScrape?: number;
  bodyBytes?: number;
  durationSeconds?: number;
  timeoutSeconds?: number;
}

/** What the cost of one cluster's federation is computed from (cost/clusterCost.ts). */
export interface CostFacts {
  cluster: string;
  job: string;
  /** Federated series by metric name, for this source_cluster. */
  seriesByName: Sourced<Record<string, number>>;
  scrape: Sourced<ScrapeFigures>;
  /** deriv(scrape_duration_seconds[1h]): seconds gained per second. */
  durationTrend: Sourced<number | undefined>;
  /** The job's scrape metrics over the last hours (query_range); optional for older callers. */
  history?: Sourced<CostPoint[]>;
  /** The `data` of `/api/v1/rules` (alerting and recording). */
  rules: Sourced<unknown>;
  /** Undefined without a Grafana token. */
  dashboards?: Sourced<GrafanaDashboards>;
  /** The job's match[] as ops Prometheus scrapes it now (its target's scrape URL). */
  selectors?: Sourced<string[]>;
  /** Metric names the cluster sent in the last hours (label values over a range). */
  recentNames?: Sourced<string[]>;
  /**
   * Metric names with a sample newer than a few of the job's scrape intervals: what still arrives,
   * without the series a narrowing dropped that instant queries answer for 5 more minutes.
   */
  freshNames?: Sourced<string[]>;
}
