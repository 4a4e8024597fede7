/**
 * How a cluster is described in the catalog: a Resource of type `kubernetes-cluster` with the
 * cluster annotation. The Kubernetes API is described with the Kubernetes plugin's own
 * annotations, so one entity serves both plugins; the federation facts carry ours. The add
 * template writes every one of them, and the backend reads them back (discovery).
 */

/** `spec.type` of a cluster Resource, as the Kubernetes plugin's catalog cluster locator reads it. */
export const KUBERNETES_CLUSTER_TYPE = 'kubernetes-cluster';

/** The leaf Prometheus host served by the Ingress or HTTPRoute. */
export const PROMETHEUS_HOST_ANNOTATION =
  'prometheus-federation.io/prometheus-host';

/** `ingress` or `gateway`: how the leaf Prometheus is exposed. */
export const EXPOSURE_ANNOTATION = 'prometheus-federation.io/exposure';

/** The AWS region of the leaf, for the security group check. */
export const AWS_REGION_ANNOTATION = 'prometheus-federation.io/aws-region';

/** The leaf's node security group, which must allow tcp 443 from ops. */
export const NODE_SECURITY_GROUP_ANNOTATION =
  'prometheus-federation.io/node-security-group';

/** The Kubernetes plugin's annotations for API access (its catalog cluster locator reads the same). */
export const KUBERNETES_API_SERVER_ANNOTATION = 'kubernetes.io/api-server';
export const KUBERNETES_API_SERVER_CA_ANNOTATION =
  'kubernetes.io/api-server-certificate-authority';
export const KUBERNETES_AUTH_PROVIDER_ANNOTATION =
  'kubernetes.io/auth-provider';
export const KUBERNETES_SKIP_TLS_VERIFY_ANNOTATION =
  'kubernetes.io/skip-tls-verify';
/** The EKS cluster id put in the token (`x-k8s-aws-id`); default: the cluster name. */
export const KUBERNETES_AWS_CLUSTER_ID_ANNOTATION =
  'kubernetes.io/x-k8s-aws-id';

/** The auth providers the backend can use for a catalog cluster, as the Kubernetes plugin names them. */
export const KUBERNETES_AUTH_PROVIDERS = ['serviceAccount', 'aws'] as const;
export type KubernetesAuthProvider = (typeof KUBERNETES_AUTH_PROVIDERS)[number];

/** The longest annotation value read from an entity; longer ones refuse the entity. */
export const MAX_CATALOG_VALUE_LENGTH = 253;

/** The longest base64 CA bundle read from an entity (a few certificates). */
export const MAX_CATALOG_CA_LENGTH = 16 * 1024;

/** The template that adopts a federate job no cluster entity describes. */
export const ADD_CLUSTER_TEMPLATE =
  'template:default/add-cluster-to-federation';
