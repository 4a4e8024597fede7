import { Document } from 'yaml';
import { ConflictError } from '@backstage/errors';
import {
  AWS_REGION_ANNOTATION,
  CLUSTER_ANNOTATION,
  EXPOSURE_ANNOTATION,
  KUBERNETES_API_SERVER_ANNOTATION,
  KUBERNETES_API_SERVER_CA_ANNOTATION,
  KUBERNETES_AUTH_PROVIDER_ANNOTATION,
  KUBERNETES_CLUSTER_TYPE,
  KubernetesAuthProvider,
  NODE_SECURITY_GROUP_ANNOTATION,
  PROMETHEUS_HOST_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';
import type { EditResult } from './editResult';
import { parsedBack } from './parsedBack';
import { parseYaml } from './yamlText';

export interface ClusterEntityOptions {
  cluster: string;
  host: string;
  region?: string;
  owner: string;
  exposure?: 'ingress' | 'gateway';
  nodeSecurityGroupId?: string;
  apiServer?: string;
  /** Base64 PEM of the API server's CA. */
  apiServerCa?: string;
  authProvider?: KubernetesAuthProvider;
}

/**
 * Every fact the backend reads from a catalog cluster (its discovery): ours, and the Kubernetes
 * plugin's own annotations for API access. Facts left out are not written.
 */
function clusterAnnotations(o: ClusterEntityOptions): Record<string, string> {
  const facts: Record<string, string | undefined> = {
    [CLUSTER_ANNOTATION]: o.cluster,
    [PROMETHEUS_HOST_ANNOTATION]: o.host,
    [EXPOSURE_ANNOTATION]: o.exposure,
    [AWS_REGION_ANNOTATION]: o.region,
    [NODE_SECURITY_GROUP_ANNOTATION]: o.region
      ? o.nodeSecurityGroupId
      : undefined,
    [KUBERNETES_API_SERVER_ANNOTATION]: o.apiServer,
    [KUBERNETES_API_SERVER_CA_ANNOTATION]: o.apiServer
      ? o.apiServerCa
      : undefined,
    [KUBERNETES_AUTH_PROVIDER_ANNOTATION]: o.apiServer
      ? o.authProvider ?? (o.region ? 'aws' : 'serviceAccount')
      : undefined,
  };
  return Object.fromEntries(
    Object.entries(facts).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

/** A catalog Resource for the new cluster, annotated so the federation plugin finds it. */
export function buildClusterEntity(
  options: ClusterEntityOptions,
  existing?: string,
): EditResult {
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: options.cluster,
      title: `Cluster ${options.cluster}`,
      description: `Kubernetes cluster ${options.cluster}, federated into the ops Prometheus`,
      annotations: clusterAnnotations(options),
      ...(options.region
        ? { labels: { 'topology.kubernetes.io/region': options.region } }
        : {}),
      links: [{ url: `https://${options.host}`, title: 'Prometheus' }],
    },
    spec: {
      type: KUBERNETES_CLUSTER_TYPE,
      owner: options.owner,
    },
  };
  const content = new Document(entity).toString({ lineWidth: 0 });
  if (existing === undefined) {
    parsedBack(content, entity, 'The new catalog entity');
    return { content, status: 'added' };
  }
  const current = parseYaml(existing, 'The existing catalog entity').toJS();
  if (
    current?.kind === 'Resource' &&
    current?.metadata?.name === options.cluster &&
    current?.metadata?.annotations?.[CLUSTER_ANNOTATION] === options.cluster
  ) {
    return { content: existing, status: 'unchanged' };
  }
  throw new ConflictError(
    `A different catalog entity already exists there (expected Resource ${options.cluster} annotated ${CLUSTER_ANNOTATION}); change or remove it by hand`,
  );
}
