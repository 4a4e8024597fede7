/**
 * Names and paths every package must agree on: where each file of the federation set-up lives
 * in the infrastructure repository, and the Kubernetes names on each leaf. See
 * docs/federation-setup.md for the set-up these describe.
 */

/** Namespace of the leaf Prometheus, its Ingress and its Certificate. */
export const MONITORING_NAMESPACE = 'monitoring';

/** The Ingress that exposes each leaf Prometheus. */
export const INGRESS_NAME = 'prometheus-ingress';

/** The cert-manager ClusterIssuer the Ingress names. */
export const CLUSTER_ISSUER = 'letsencrypt-prod';

/** The Argo CD application that deploys the leaf's Ingress. */
export const CLUSTER_RESOURCES_APP = 'cluster-resources';

/** `prometheus-<cluster>.<domain>`: the host name the leaf Prometheus is served on. */
export function leafHost(cluster: string, domain: string): string {
  return `${leafHostLabel(cluster)}.${domain}`;
}

/** `prometheus-<cluster>`: the first DNS label of the leaf host. */
export function leafHostLabel(cluster: string): string {
  return `prometheus-${cluster}`;
}

/** `prometheus-<cluster>-tls`: the TLS secret, and the cert-manager Certificate, of the leaf. */
export function tlsSecretName(cluster: string): string {
  return `prometheus-${cluster}-tls`;
}

/** Repository paths of the files the set-up is made of, per cluster where they are. */
export interface RepositoryLayout {
  /** The leaf's Ingress, deployed by its cluster-resources application. */
  ingress: string;
  /** Terraform that admits the ops cluster to each leaf's nodes on tcp 443. */
  terraform: string;
  /** The ops kube-prometheus-stack values that hold the federate jobs. */
  scrapeConfigs: string;
  /** The PrometheusRule with the federation alerts. */
  alertRules: string;
  /** The cluster's catalog entity. */
  catalogEntity: string;
}

export type RepositoryFileKind = keyof RepositoryLayout;

/** The files all clusters share, whose paths do not depend on a cluster. */
export const SHARED_REPOSITORY_PATHS = {
  terraform: 'terraform/prometheus-federation-security.tf',
  scrapeConfigs:
    'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml',
  alertRules:
    'argocd/applications/prod-ops/cluster-resources/prometheusrule-federation-health.yaml',
} as const;

/** The default layout; each path can be overridden where a repository differs. */
export function repositoryLayout(cluster: string): RepositoryLayout {
  return {
    ingress: `argocd/applications/prod-${cluster}/cluster-resources/prometheus-ingress.yaml`,
    ...SHARED_REPOSITORY_PATHS,
    catalogEntity: `catalog/clusters/${cluster}.yaml`,
  };
}

/** The HTTPRoute that exposes a leaf Prometheus on an existing Gateway (Gateway API). */
export const HTTP_ROUTE_NAME = 'prometheus';

/** Where a leaf's HTTPRoute lives: beside where its Ingress would be. */
export function httpRoutePath(cluster: string): string {
  return `argocd/applications/prod-${cluster}/cluster-resources/prometheus-httproute.yaml`;
}
