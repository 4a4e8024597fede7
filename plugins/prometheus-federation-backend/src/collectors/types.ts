/** Raw facts as the collectors read them. No judgement here: triage/ decides what they mean. */

/** The outcome of reading one upstream: the value, or why it could not be read. */
export type Sourced<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string; timedOut?: boolean };

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
  insecureSkipVerify: boolean;
  sampleLimit?: number;
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
}

export interface IngressFacts {
  found: boolean;
  hosts: string[];
  tlsSecrets: string[];
  tlsHosts: string[];
  loadBalancer: Array<{ ip?: string; hostname?: string }>;
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
  /** Handshake error code or message when no certificate could be read. */
  error?: string;
}

export interface ProbeFacts {
  status?: number;
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
}

export interface FederationFacts {
  collectedAt: number;
  ops: Sourced<OpsPrometheusFacts>;
  clusters: Record<string, ClusterFacts>;
}
