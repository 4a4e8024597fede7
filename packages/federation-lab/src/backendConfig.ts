import { leafHost } from '@internal/plugin-prometheus-federation-common';
import {
  nodeSecurityGroupId,
  opsClusterSecurityGroupId,
  LAB_REGION,
} from './ec2/world';
import { LabPorts, ResolvedLabOptions } from './options';
import { labPaths } from './state';

/** The backend's `prometheusFederation` block for this lab (schema: plugins/prometheus-federation-backend/config.d.ts). */
export function buildBackendConfig(
  options: ResolvedLabOptions,
  ports: LabPorts,
) {
  const paths = labPaths(options.dir);
  return {
    prometheusFederation: {
      opsPrometheus: { url: `http://127.0.0.1:${ports.opsPrometheus}` },
      dns: { servers: [`127.0.0.1:${ports.dns}`] },
      tls: { caFile: paths.caCert },
      kubeconfig: paths.kubeconfig,
      aws: {
        endpoint: `http://127.0.0.1:${ports.ec2}`,
        opsSource: { securityGroupId: opsClusterSecurityGroupId() },
      },
      clusters: options.clusters.map(name => ({
        name,
        prometheus: {
          host: leafHost(name, options.domain),
          port: ports.clusters[name].ingress,
        },
        kubernetes: { context: name },
        aws: {
          region: LAB_REGION,
          nodeSecurityGroupId: nodeSecurityGroupId(name),
        },
      })),
    },
  };
}

export type LabBackendConfig = ReturnType<typeof buildBackendConfig>;
