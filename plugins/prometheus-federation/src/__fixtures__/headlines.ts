import {
  ClusterStatus,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import { downCluster, healthyCluster } from './clusters';
import { makeOverview } from './overviews';

/**
 * Clusters headlined as the backend's headline policy does (docs/federation-setup.md#headline-policy):
 * the ops Prometheus target is the authority, the portal's probe only evidence.
 */

/** The leaf is gone: every prerequisite passes, the target is down, and the probe agrees. */
export function leafDownCluster(name = 'green'): ClusterStatus {
  const base = downCluster(name);
  return {
    ...base,
    securityGroupRule: 'pass',
    headline: {
      check: 'target',
      summary: `federate-${name} is down: connection refused`,
      cause: 'connection-refused',
      probe: {
        result: 'fail',
        summary: `https://prometheus-${name}.example.test:443/federate: connection refused`,
        agrees: true,
      },
    },
    checks: healthyCluster(name).checks.map(c =>
      ['connectivity', 'target', 'metrics', 'latency'].includes(c.id)
        ? base.checks.find(d => d.id === c.id)!
        : c,
    ),
  };
}

/** The target times out from ops Prometheus, while the portal's probe gets through. */
export function probeDisagreesCluster(name = 'orange'): ClusterStatus {
  const base = leafDownCluster(name);
  return {
    ...base,
    target: {
      ...base.target!,
      cause: 'timeout',
      lastError: 'context deadline exceeded',
    },
    headline: {
      check: 'target',
      summary: `federate-${name} is down: timeout`,
      cause: 'timeout',
      probe: {
        result: 'pass',
        summary: '/federate answered 200 in 0.21 s',
        agrees: false,
      },
    },
  };
}

/** Named in the configuration, but ops Prometheus scrapes no federate job for it. */
export function notFederatedCluster(name = 'yellow'): ClusterStatus {
  const base = healthyCluster(name);
  const remediation = {
    summary: `Add the federate-${name} job to ops Prometheus with the "Add cluster to federation" template.`,
    file: 'prometheus/federate-jobs.yaml',
  };
  return {
    ...base,
    state: 'unknown',
    federated: false,
    target: undefined,
    metrics: undefined,
    headline: {
      check: 'target',
      summary: `not federated: ops Prometheus has no job federate-${name}`,
    },
    remediation,
    checks: base.checks.map(c =>
      c.id === 'target'
        ? {
            ...c,
            result: 'fail',
            summary: `not federated: ops Prometheus has no job federate-${name}`,
            remediation,
          }
        : c,
    ),
    history: [],
  };
}

export const OPS_UNREACHABLE_REASON = '/api/v1/targets: connection refused';

/** Ops Prometheus does not answer: every cluster is unknown, for the same reason. */
export function opsUnreachableOverview(
  names = ['blue', 'green'],
): FederationOverview {
  const clusters = names.map(name => ({
    ...healthyCluster(name),
    state: 'unknown' as const,
    federated: undefined,
    target: undefined,
    metrics: undefined,
    headline: {
      check: 'target' as const,
      summary: `ops Prometheus unreachable: ${OPS_UNREACHABLE_REASON}`,
    },
  }));
  return makeOverview(clusters, {
    opsPrometheus: { reachable: false, error: OPS_UNREACHABLE_REASON },
  });
}
