import { Entity } from '@backstage/catalog-model';
import {
  AWS_REGION_ANNOTATION,
  CLUSTER_ANNOTATION,
  KUBERNETES_API_SERVER_ANNOTATION,
  KUBERNETES_AUTH_PROVIDER_ANNOTATION,
  KUBERNETES_CLUSTER_TYPE,
  NODE_SECURITY_GROUP_ANNOTATION,
  PROMETHEUS_HOST_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';
import { DiscoveryOptions } from '../config/options';

/** A catalog cluster Resource as the add template writes it; `annotations` override or add. */
export function clusterEntity(
  cluster: string,
  annotations: Record<string, string> = {},
  metadata: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster,
      namespace: 'default',
      ...metadata,
      annotations: {
        [CLUSTER_ANNOTATION]: cluster,
        [PROMETHEUS_HOST_ANNOTATION]: `prometheus-${cluster}.example.com`,
        [AWS_REGION_ANNOTATION]: 'eu-west-1',
        [NODE_SECURITY_GROUP_ANNOTATION]: 'sg-0123456789abcdef0',
        [KUBERNETES_API_SERVER_ANNOTATION]: `https://${cluster}.eks.amazonaws.com`,
        [KUBERNETES_AUTH_PROVIDER_ANNOTATION]: 'aws',
        ...metadata.annotations,
        ...annotations,
      },
    },
    spec: { type: KUBERNETES_CLUSTER_TYPE, owner: 'group:default/platform' },
  };
}

/** Discovery trusting example.com leaves, EKS API servers and eu-* regions. */
export function discoveryOptions(
  overrides: Partial<DiscoveryOptions> = {},
): DiscoveryOptions {
  return {
    namespaces: [],
    owners: [],
    locations: [],
    allowedHosts: ['*.example.com'],
    allowedApiServers: ['https://*.eks.amazonaws.com'],
    allowedRegions: ['eu-*'],
    serviceAccountTokens: {},
    pageSize: 2,
    maxClusters: 100,
    ...overrides,
  };
}
