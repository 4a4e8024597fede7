import { Document } from 'yaml';
import { ConflictError } from '@backstage/errors';
import { CLUSTER_ANNOTATION } from '@promfed/plugin-prometheus-federation-common';
import type { EditResult } from './editResult';
import { parsedBack } from './parsedBack';
import { parseYaml } from './yamlText';

export interface ClusterEntityOptions {
  cluster: string;
  host: string;
  region: string;
  owner: string;
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
      annotations: { [CLUSTER_ANNOTATION]: options.cluster },
      labels: { 'topology.kubernetes.io/region': options.region },
      links: [{ url: `https://${options.host}`, title: 'Prometheus' }],
    },
    spec: {
      type: 'kubernetes-cluster',
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
