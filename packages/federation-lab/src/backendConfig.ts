import { leafHost } from '@promfed/plugin-prometheus-federation-common';
import {
  nodeSecurityGroupId,
  opsClusterSecurityGroupId,
  LAB_REGION,
} from './ec2/world';
import type { FleetPorts, ResolvedFleetOptions } from './fleet/options';
import { LabPorts, ResolvedLabOptions } from './options';
import { labGrafanaToken } from './grafana/server';
import { LAB_GITHUB_HOST, labGitHubPort } from './daemon/labGitHub';
import { loadOrCreateSecrets } from './secrets';
import { labPaths } from './state';

/** The backend's `prometheusFederation` block (schema: plugins/prometheus-federation-backend/config.d.ts). */
function backendConfigFor(o: {
  dir: string;
  domain: string;
  clusters: string[];
  gatewayClusters?: string[];
  ports: { opsPrometheus: number; dns: number; ec2: number };
  /** The port the backend dials for a leaf: its load balancer, or the fleet's shared port. */
  leafPort: (cluster: string) => number;
  /** The loopback Grafana, whose dashboards the backend reads for federation cost. */
  grafana?: { port: number; token: string };
}) {
  const paths = labPaths(o.dir);
  return {
    prometheusFederation: {
      opsPrometheus: { url: `http://127.0.0.1:${o.ports.opsPrometheus}` },
      dns: { servers: [`127.0.0.1:${o.ports.dns}`] },
      ...(o.grafana
        ? {
            grafana: {
              baseUrl: `http://127.0.0.1:${o.grafana.port}`,
              token: o.grafana.token,
            },
          }
        : {}),
      tls: { caFile: paths.caCert },
      kubeconfig: paths.kubeconfig,
      aws: {
        endpoint: `http://127.0.0.1:${o.ports.ec2}`,
        opsSource: { securityGroupId: opsClusterSecurityGroupId() },
      },
      clusters: o.clusters.map(name => ({
        name,
        prometheus: {
          host: leafHost(name, o.domain),
          port: o.leafPort(name),
        },
        kubernetes: { context: name },
        ...(o.gatewayClusters?.includes(name) ? { exposure: 'gateway' } : {}),
        aws: {
          region: LAB_REGION,
          nodeSecurityGroupId: nodeSecurityGroupId(name),
        },
      })),
    },
  };
}

export function buildBackendConfig(
  options: ResolvedLabOptions,
  ports: LabPorts,
) {
  const federation = backendConfigFor({
    ...options,
    ports,
    leafPort: c => ports.clusters[c].ingress,
    grafana: {
      port: ports.grafana,
      token: labGrafanaToken(loadOrCreateSecrets(options.dir).kubernetesToken),
    },
  });
  return {
    // The lab's loopback GitHub: the catalog reads green's entity from its infrastructure
    // repository, the onboarding tracker its pull requests. A config array replaces the one of
    // app-config.yaml, so github.com is repeated as it is there.
    integrations: {
      github: [
        { host: 'github.com', token: '${GITHUB_TOKEN}' },
        {
          host: LAB_GITHUB_HOST,
          apiBaseUrl: `http://127.0.0.1:${labGitHubPort(options.basePort)}`,
        },
      ],
    },
    prometheusFederation: {
      ...federation.prometheusFederation,
      // Short, so that a browser test sees an onboarding step turn stuck (default 30).
      onboarding: { stuckAfterMinutes: 1 },
    },
  };
}

/**
 * Discovery's trust settings that fit a lab: leaves under its domain, Kubernetes APIs on
 * loopback, its AWS region. The portal's config and the lifecycle test use them.
 */
export function labDiscovery(domain: string) {
  return {
    allowedHosts: [`*.${domain}`],
    allowedApiServers: ['https://127.0.0.1:*'],
    allowedRegions: [LAB_REGION],
  };
}

/** The portal's `app-config.lab.yaml`: the lab's config with discovery turned on. */
export function buildPortalConfig(
  options: ResolvedLabOptions,
  ports: LabPorts,
) {
  const config = buildBackendConfig(options, ports);
  return {
    ...config,
    prometheusFederation: {
      ...config.prometheusFederation,
      discovery: labDiscovery(options.domain),
    },
  };
}

/** A fleet's: every leaf host on the shared leaf port, resolved by the lab DNS. */
export function buildFleetBackendConfig(
  options: ResolvedFleetOptions,
  ports: FleetPorts,
) {
  return backendConfigFor({ ...options, ports, leafPort: () => ports.leaves });
}

/** What every lab's config has (a lab's adds its GitHub integration and onboarding). */
export type LabBackendConfig = ReturnType<typeof buildFleetBackendConfig>;
