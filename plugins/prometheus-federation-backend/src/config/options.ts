import type { UpstreamKind } from '../collectors/limit';

/** The plugin's configuration, read and validated once at start. */

export interface OpsSource {
  securityGroupId?: string;
  cidr?: string;
}

export interface DashboardOptions {
  title: string;
  uid: string;
  clusterVariable: string;
  applicationVariable?: string;
}

export interface KubernetesAccess {
  context?: string;
  url?: string;
  token?: string;
  caFile?: string;
}

export interface ClusterOptions {
  name: string;
  entityRef: string;
  host: string;
  port: number;
  federateJob: string;
  kubernetes?: KubernetesAccess;
  certificate: { namespace: string; name: string };
  ingress: { namespace: string; name: string };
  /** How the leaf is exposed; undefined: an Ingress, or the HTTPRoute when no Ingress exists. */
  exposure?: 'ingress' | 'gateway';
  /** The HTTPRoute read in gateway mode (or when no Ingress exists). */
  httpRoute: { namespace: string; name: string };
  aws?: { region: string; nodeSecurityGroupId: string; opsSource: OpsSource };
}

export interface RefreshOptions {
  /** POST /refresh answers the current snapshot when it is younger than this. */
  minAgeSeconds: number;
  /** Refreshes one user may ask for per minute, on one replica; more get 429. */
  perUserPerMinute: number;
}

export interface CostOptions {
  /** A cluster's cost answer is kept this long. */
  cacheSeconds: number;
  /** Cost reads one user may start per minute, on one replica; more get 429. */
  perUserPerMinute: number;
}

export interface FederationOptions {
  refreshIntervalSeconds: number;
  upstreamTimeoutSeconds: number;
  /** No upstream answer is read beyond this many bytes. */
  maxResponseBytes: number;
  /** Reads in flight per upstream kind (collectors/limit.ts DEFAULT_CONCURRENCY when absent). */
  concurrency?: Partial<Record<UpstreamKind, number>>;
  refresh: RefreshOptions;
  cost: CostOptions;
  opsPrometheus: {
    url: string;
    externalUrl?: string;
    bearerToken?: string;
    basicAuth?: { username: string; password: string };
    caFile?: string;
  };
  grafana?: {
    baseUrl: string;
    dashboards: DashboardOptions[];
    /** Where the backend calls the API, when not baseUrl. */
    apiUrl?: string;
    /** Service-account token: dashboards are read for usage only with it. */
    token?: string;
    /** Datasource uids or names of ops Prometheus; empty: every Prometheus datasource. */
    datasources: string[];
    usageTtlSeconds: number;
    maxDashboards: number;
  };
  argocd?: { baseUrl: string; applicationName: string };
  dnsServers?: string[];
  tlsCaFile?: string;
  applicationLabel: string;
  httpMetricsSelector: string;
  /** Clusters failing one check with one cause before it is shown as shared (sharedCauses.ts). */
  sharedCauseThreshold: number;
  aws: { endpoint?: string; opsSource: OpsSource };
  kubeconfig?: string;
  clusters: ClusterOptions[];
}

export const DEFAULT_REFRESH: RefreshOptions = {
  minAgeSeconds: 30,
  perUserPerMinute: 6,
};

export const DEFAULT_COST: CostOptions = {
  cacheSeconds: 60,
  perUserPerMinute: 6,
};

/** 16 MiB: far above a large ops Prometheus' targets answer, far below a memory problem. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Dashboards change slowly; reading hundreds each refresh would load Grafana for nothing. */
export const DEFAULT_USAGE_TTL_SECONDS = 600;

export const DEFAULT_MAX_DASHBOARDS = 1000;

/** Fewer clusters failing alike is a coincidence, more is worth leading the page with. */
export const DEFAULT_SHARED_CAUSE_THRESHOLD = 5;

/** How often the backend collects, unless `refreshIntervalSeconds` says otherwise. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 30;

export const DEFAULT_DASHBOARD: DashboardOptions = {
  title: 'Application Errors',
  uid: 'application-errors',
  clusterVariable: 'source_cluster',
  applicationVariable: 'application',
};

/** The query the dashboards use for federated http metrics (docs/federation-setup.md#dashboards). */
export const DEFAULT_HTTP_SELECTOR =
  '{__name__=~"http_request.*|http_requests_total"}';
