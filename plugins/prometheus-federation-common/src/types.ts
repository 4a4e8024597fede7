import type { SharedCause } from './sharedCause';
import type { FirstCollection } from './firstCollection';
/** The wire types of the prometheus-federation API, shared by backend and frontend. */

/** Every cluster state, worst first: lists sort by this order (it is the severity order). */
export const CLUSTER_STATES = [
  'down',
  'degraded',
  'unknown',
  'healthy',
] as const;

/** Overall health of one federated cluster; see docs/federation-setup.md#headline-policy. */
export type ClusterState = (typeof CLUSTER_STATES)[number];

/** Outcome of one link of the triage chain. */
export type CheckResult =
  | 'pass'
  | 'warn'
  | 'fail'
  | 'unknown'
  | 'not-configured';

/** The triage chain, in the troubleshooting order of docs/federation-setup.md. */
export const CHECK_ORDER = [
  'ingress',
  'dns',
  'certificate',
  'security-group',
  'connectivity',
  'target',
  'metrics',
  'latency',
] as const;

/** One link of the triage chain. */
export type CheckId = (typeof CHECK_ORDER)[number];

/** Why a federate scrape failed, classified from the target's `lastError`. */
export type ScrapeErrorCause =
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'not-found'
  | 'sample-limit'
  | 'body-size-limit'
  | 'http-vs-https'
  | 'invalid-content-type'
  /** An auth proxy sends the scrape to an HTML login page (seen by the probe: a redirect). */
  | 'login-redirect'
  | 'http-status'
  | 'other';

/**
 * Why federated metrics are missing while the target is up, told apart from what ops Prometheus
 * holds (docs/federation-setup.md#metrics-causes).
 */
export type MetricsCause =
  /** The job lacks honor_labels: true, so the leaf's job and instance arrive renamed. */
  | 'honor-labels-missing'
  /** The leaf's own scrape of the applications fails: ops holds its federated up == 0. */
  | 'application-target-down'
  /** match[] selects nothing: the job scrapes (almost) no samples. */
  | 'selector-selects-nothing'
  /** The job scrapes the leaf's own /metrics instead of /federate. */
  | 'wrong-metrics-path';

/** The cause a check or a headline names: a scrape error, or why metrics are missing. */
export type DiagnosisCause = ScrapeErrorCause | MetricsCause;

/** What to do about a failing check: a sentence, and the file or commands it names. */
export interface Remediation {
  summary: string;
  /** Repository file to change, e.g. `terraform/prometheus-federation-security.tf`. */
  file?: string;
  /** Commands to run, with the cluster's context filled in. */
  commands?: string[];
}

/** One fact a check relied on, shown to the user as label: value. */
export interface Evidence {
  label: string;
  value: string;
}

export interface Check {
  id: CheckId;
  title: string;
  result: CheckResult;
  /** One sentence: what was found. */
  summary: string;
  evidence: Evidence[];
  remediation?: Remediation;
  /** For `unknown`: why it could not be decided (upstream error, timeout). */
  reason?: string;
  /** The classified cause: the target's `lastError`, or why metrics are missing. */
  cause?: DiagnosisCause;
}

/** The ops Prometheus view of one federate target. */
export interface TargetSummary {
  job: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
  cause?: ScrapeErrorCause;
  lastScrape?: string;
  lastScrapeAgeSeconds?: number;
  scrapeDurationSeconds?: number;
  scrapeTimeoutSeconds?: number;
  scrapeIntervalSeconds?: number;
  samplesScraped?: number;
  seriesAdded?: number;
  scrapeUrl?: string;
}

/** http series that reach ops Prometheus with `source_cluster=<cluster>`. */
export interface MetricsSummary {
  httpSeries: number;
  /** Age of the newest http sample; large ages reveal the 5-minute ghost after a leaf dies. */
  newestSampleAgeSeconds?: number;
}

export interface FiringAlert {
  name: string;
  state: 'pending' | 'firing';
  activeAt?: string;
  severity?: string;
  summary?: string;
}

/** A problem in the federation set-up itself, rather than in one check. */
export interface SetupWarning {
  id:
    | 'latency-alert-cannot-fire'
    | 'insecure-skip-verify'
    | 'replica-label-doubles-series'
    | 'federate-job-missing'
    | 'alert-rule-error'
    /** The backend's cache or database failed: the last snapshot is served, with its age. */
    | 'backend-degraded'
    | 'match-all-federate-selector'
    | 'alert-rule-misses-cluster'
    | 'scrape-timeout-not-below-interval'
    | 'duplicate-source-cluster'
    | 'honor-labels-missing'
    /** A collection outlasted the refresh interval: its duration and the slow upstream kinds. */
    | 'collection-slow'
    /** A catalog cluster entity the backend refused (trust, conflict, bad value): never contacted. */
    | 'catalog-cluster-refused'
    /** The catalog could not be read: the last known cluster list is used, since when it says. */
    | 'catalog-unavailable'
    /** A federate job in ops Prometheus that no configured or catalog cluster describes. */
    | 'unmanaged-federate-job';
  message: string;
  remediation: string;
  /** Set when the warning concerns one cluster only. */
  cluster?: string;
  /** The catalog entity the warning is about (a refused cluster entity). */
  entityRef?: string;
  /** A template that fixes it (an unmanaged federate job: the add template), as an entity ref. */
  templateRef?: string;
  /**
   * The plugin API path with the measured cost and the narrowing proposal, relative to the
   * plugin's base URL (e.g. `/clusters/blue/cost`), for a match-all selector.
   */
  costPath?: string;
}

export interface ClusterLinks {
  /** Grafana dashboards filtered to the cluster. */
  dashboards: Array<{ title: string; url: string }>;
  prometheusTargets?: string;
  prometheusGraph?: string;
  prometheusAlerts?: string;
  argocd?: string;
  awsSecurityGroup?: string;
}

export interface StateTransition {
  at: string;
  from?: ClusterState;
  to: ClusterState;
  headline?: CheckId;
  summary?: string;
}

/** The portal's own probe, beside the authority (the ops Prometheus target). */
export interface ProbeEvidence {
  result: CheckResult;
  summary: string;
  /** Whether the probe saw what the target sees (both failing, or both working). */
  agrees: boolean;
}

/** The headline of a cluster: the check that explains its state, and why. */
export interface Headline {
  check: CheckId;
  summary: string;
  cause?: DiagnosisCause;
  /** For a down target: the portal's probe, as corroborating or contradicting evidence. */
  probe?: ProbeEvidence;
}

/** One row of the status page. */
export interface ClusterSummary {
  name: string;
  state: ClusterState;
  /** Named in the plugin's configuration. */
  configured: boolean;
  /** Ops Prometheus has a federate job for it; undefined when ops Prometheus could not be read. */
  federated?: boolean;
  /** What an on-call engineer reads first; see docs/federation-setup.md#headline-policy. */
  headline?: Headline;
  target?: TargetSummary;
  metrics?: MetricsSummary;
  certificateExpiresInDays?: number;
  securityGroupRule: CheckResult;
  firingAlerts: FiringAlert[];
  links: ClusterLinks;
  /** When the cluster entered its current state, as far as history knows. */
  stateSince?: string;
  /** Catalog entity of the cluster, e.g. `resource:default/blue`. */
  entityRef?: string;
}

/** One cluster with its whole triage chain. */
export interface ClusterStatus extends ClusterSummary {
  checks: Check[];
  remediation?: Remediation;
  history: StateTransition[];
  warnings: SetupWarning[];
}

/** What ops Prometheus itself answered during the snapshot. */
export interface OpsPrometheusStatus {
  reachable: boolean;
  error?: string;
}

/** GET /clusters */
export interface FederationOverview {
  /** When the snapshot was collected (ISO 8601). */
  generatedAt: string;
  ageSeconds: number;
  refreshIntervalSeconds: number;
  opsPrometheus: OpsPrometheusStatus;
  counts: Record<ClusterState, number>;
  /** Causes many clusters share in this snapshot, the ops side's first, then the largest: what on-call reads first. */
  sharedCauses: SharedCause[];
  clusters: ClusterSummary[];
  warnings: SetupWarning[];
  /** Set while no snapshot exists yet: the list is empty and the first one is due. */
  collecting?: FirstCollection;
}

/** GET /clusters/:name */
export interface ClusterDetail {
  generatedAt: string;
  ageSeconds: number;
  refreshIntervalSeconds: number;
  opsPrometheus: OpsPrometheusStatus;
  cluster: ClusterStatus;
}

/** Whether one application's http metrics arrive from each cluster. */
export interface ApplicationFederation {
  application: string;
  clusters: Array<{
    cluster: string;
    clusterState: ClusterState;
    arriving: boolean;
    httpSeries: number;
    newestSampleAgeSeconds?: number;
    dashboards: Array<{ title: string; url: string }>;
  }>;
}

/** GET /entity?entityRef=... : a cluster Resource, or an application Component. */
export type EntityFederation =
  | {
      kind: 'cluster';
      generatedAt: string;
      ageSeconds: number;
      cluster: ClusterStatus;
    }
  | {
      kind: 'application';
      generatedAt: string;
      ageSeconds: number;
      application: ApplicationFederation;
    };
