import { MONITORING_NAMESPACE } from '@promfed/plugin-prometheus-federation-common';
import { stringify } from 'yaml';

/**
 * A kubeconfig with one context per cluster (`ops`, then each leaf), all pointing at loopback:
 * by port (`apiPorts`) or by server URL (`servers`, the fleet's path prefixes). The CA as a file,
 * or inline (`caData`), as `aws eks update-kubeconfig` writes it.
 */
export function kubeconfigYaml(options: {
  caFile?: string;
  caData?: string;
  token: string;
  apiPorts?: Record<string, number>;
  servers?: Record<string, string>;
}): string {
  const servers =
    options.servers ??
    Object.fromEntries(
      Object.entries(options.apiPorts ?? {}).map(([name, port]) => [
        name,
        `https://127.0.0.1:${port}`,
      ]),
    );
  const names = Object.keys(servers);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': names[0],
    clusters: names.map(name => ({
      name,
      cluster: {
        server: servers[name],
        ...(options.caData
          ? { 'certificate-authority-data': options.caData }
          : { 'certificate-authority': options.caFile }),
      },
    })),
    users: names.map(name => ({
      name: `lab-${name}`,
      user: { token: options.token },
    })),
    contexts: names.map(name => ({
      name,
      context: {
        cluster: name,
        user: `lab-${name}`,
        namespace: MONITORING_NAMESPACE,
      },
    })),
  });
}
