import {
  ClusterDetail,
  ClusterState,
  ClusterStatus,
  ClusterSummary,
  FederationOverview,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';
import { degradedCluster, downCluster, healthyCluster, iso } from './clusters';

/** What the backend's routes answer: the overview (GET /clusters) and one cluster's detail. */

export function toSummary(cluster: ClusterStatus): ClusterSummary {
  const { checks, history, warnings, remediation, ...summary } = cluster;
  return summary;
}

export const overviewWarning: SetupWarning = {
  id: 'latency-alert-cannot-fire',
  message:
    'PrometheusFederationHighLatency compares scrape_duration_seconds with 120 s, above every scrape timeout: it can never fire.',
  remediation:
    'Compare the duration with scrape_timeout_seconds instead (> 0.8 of it).',
};

export function makeOverview(
  clusters: ClusterStatus[],
  overrides: Partial<FederationOverview> = {},
): FederationOverview {
  const counts: Record<ClusterState, number> = {
    healthy: 0,
    degraded: 0,
    down: 0,
    unknown: 0,
  };
  clusters.forEach(c => {
    counts[c.state] += 1;
  });
  return {
    generatedAt: iso(0.5),
    ageSeconds: 30,
    refreshIntervalSeconds: 60,
    opsPrometheus: { reachable: true },
    counts,
    sharedCauses: [],
    clusters: clusters.map(toSummary),
    warnings: [overviewWarning],
    ...overrides,
  };
}

export function makeDetail(cluster: ClusterStatus): ClusterDetail {
  return {
    generatedAt: iso(0.5),
    ageSeconds: 30,
    refreshIntervalSeconds: 60,
    opsPrometheus: { reachable: true },
    cluster,
  };
}

/** `count` clusters cycling through every state, for the benchmark. */
export function manyClusters(count: number): ClusterStatus[] {
  const makers = [
    healthyCluster,
    healthyCluster,
    healthyCluster,
    degradedCluster,
    downCluster,
  ];
  return Array.from({ length: count }, (_, i) =>
    makers[i % makers.length](`leaf-${String(i).padStart(3, '0')}`),
  );
}
