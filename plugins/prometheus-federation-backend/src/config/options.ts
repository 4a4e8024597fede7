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
  aws?: { region: string; nodeSecurityGroupId: string; opsSource: OpsSource };
}

export interface FederationOptions {
  refreshIntervalSeconds: number;
  upstreamTimeoutSeconds: number;
  opsPrometheus: {
    url: string;
    externalUrl?: string;
    bearerToken?: string;
    basicAuth?: { username: string; password: string };
    caFile?: string;
  };
  grafana?: { baseUrl: string; dashboards: DashboardOptions[] };
  argocd?: { baseUrl: string; applicationName: string };
  dnsServers?: string[];
  tlsCaFile?: string;
  applicationLabel: string;
  httpMetricsSelector: string;
  aws: { endpoint?: string; opsSource: OpsSource };
  kubeconfig?: string;
  clusters: ClusterOptions[];
}

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
