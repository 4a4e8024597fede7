import {
  AWS_REGION_ANNOTATION,
  CLUSTER_ANNOTATION,
  KUBERNETES_API_SERVER_ANNOTATION,
  KUBERNETES_API_SERVER_CA_ANNOTATION,
  KUBERNETES_AUTH_PROVIDER_ANNOTATION,
  KUBERNETES_CLUSTER_TYPE,
  NODE_SECURITY_GROUP_ANNOTATION,
  PROMETHEUS_HOST_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { LabBackendConfig } from '../backendConfig';

interface KubeconfigFile {
  clusters: Array<{
    name: string;
    cluster: { server: string; 'certificate-authority-data'?: string };
  }>;
  users: Array<{ user: { token: string } }>;
}

/**
 * The fleet's clusters as catalog entities, as the add template writes them (every fact the
 * backend's discovery reads, API access in the Kubernetes plugin's annotations, auth by a
 * service account token), written to `<dir>/catalog-clusters.yaml`. Returns the entities and
 * the token the backend needs for them.
 */
export function writeFleetEntities(fleet: {
  dir: string;
  backendConfig: LabBackendConfig;
}) {
  const federation = fleet.backendConfig.prometheusFederation;
  const kubeconfig = parse(
    fs.readFileSync(federation.kubeconfig, 'utf8'),
  ) as KubeconfigFile;
  const apis = new Map(kubeconfig.clusters.map(c => [c.name, c.cluster]));
  const entities = federation.clusters.map(c => {
    const api = apis.get(c.name)!;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: c.name,
        namespace: 'default',
        annotations: {
          [CLUSTER_ANNOTATION]: c.name,
          [PROMETHEUS_HOST_ANNOTATION]: c.prometheus.host,
          [AWS_REGION_ANNOTATION]: c.aws.region,
          [NODE_SECURITY_GROUP_ANNOTATION]: c.aws.nodeSecurityGroupId,
          [KUBERNETES_API_SERVER_ANNOTATION]: api.server,
          [KUBERNETES_API_SERVER_CA_ANNOTATION]:
            api['certificate-authority-data'] ?? '',
          [KUBERNETES_AUTH_PROVIDER_ANNOTATION]: 'serviceAccount',
        },
      },
      spec: { type: KUBERNETES_CLUSTER_TYPE, owner: 'group:default/platform' },
    };
  });
  fs.writeFileSync(
    path.join(fleet.dir, 'catalog-clusters.yaml'),
    entities.map(e => stringify(e)).join('---\n'),
  );
  return { entities, token: kubeconfig.users[0].user.token };
}
