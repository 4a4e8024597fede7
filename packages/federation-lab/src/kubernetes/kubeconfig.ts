import { MONITORING_NAMESPACE } from '@internal/plugin-prometheus-federation-common';
import { stringify } from 'yaml';

/** A kubeconfig with one context per cluster (`ops`, then each leaf), all pointing at loopback. */
export function kubeconfigYaml(options: {
  caFile: string;
  token: string;
  apiPorts: Record<string, number>;
}): string {
  const names = Object.keys(options.apiPorts);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': names[0],
    clusters: names.map(name => ({
      name,
      cluster: {
        server: `https://127.0.0.1:${options.apiPorts[name]}`,
        'certificate-authority': options.caFile,
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
