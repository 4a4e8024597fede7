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
  /** Base64 PEM of the API server's CA (a catalog entity's kubernetes.io/api-server-certificate-authority). */
  caData?: string;
  /** kubernetes.io/skip-tls-verify on a catalog entity. */
  skipTlsVerify?: boolean;
  /** EKS: a token made per request from the backend's AWS credentials (as `aws eks get-token`). */
  aws?: { clusterId: string; region: string };
  /** Why the API cannot be read (no token configured): the Kubernetes sources are unknown with it. */
  problem?: string;
}

/** Clusters from the catalog: which entities count, and what they may make the backend contact. */
export interface DiscoveryOptions {
  /** Entity namespaces that count; empty: all. */
  namespaces: string[];
  /** Owners (entity refs, e.g. group:default/platform) whose entities count; empty: all. */
  owners: string[];
  /** Origin location prefixes (backstage.io/managed-by-origin-location) that count; empty: all. */
  locations: string[];
  /** Leaf host patterns an entity may name (`*` matches within a host, e.g. `*.example.com`). */
  allowedHosts: string[];
  /** API server URL patterns an entity may name, e.g. `https://*.eks.amazonaws.com`. */
  allowedApiServers: string[];
  /** AWS region patterns an entity may name, e.g. `eu-*`. */
  allowedRegions: string[];
  /** Service account tokens of catalog clusters with kubernetes.io/auth-provider serviceAccount, by cluster name. */
  serviceAccountTokens: Record<string, string>;
  /** Entities per catalog request. */
  pageSize: number;
  /** At most this many catalog clusters are read (a bound on memory and on one refresh's work). */
  maxClusters: number;
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
  /** Where the cluster comes from: app-config, a catalog entity, or both merged (config wins per field). */
  source?: 'config' | 'catalog' | 'config+catalog';
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
  /** A healthy leaf's probe stands for at most this long (collectors/probeReuse.ts); 0: never. */
  probeReuseSeconds: number;
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
  /** Clusters of app-config; with discovery, merged with the catalog's at every refresh. */
  clusters: ClusterOptions[];
  /** Set when clusters also come from the catalog. */
  discovery?: DiscoveryOptions;
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

export const DEFAULT_PROBE_REUSE_SECONDS = 300;

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

/** Catalog entities per request: a few requests for a thousand clusters. */
export const DEFAULT_DISCOVERY_PAGE_SIZE = 500;

/** Catalog clusters read at most; beyond it the rest are left out, with a warning. */
export const DEFAULT_DISCOVERY_MAX_CLUSTERS = 5000;
