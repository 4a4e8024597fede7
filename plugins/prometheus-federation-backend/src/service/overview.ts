import {
  CLUSTER_STATES,
  ClusterState,
  FederationOverview,
  FirstCollection,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';
import { FederationList, summaryOf } from '../store/federationList';
import { Read } from '../store/storeRead';

/** Seconds since the snapshot was collected. */
export function ageSeconds(snapshot: { generatedAt: string }): number {
  return Math.max(
    0,
    Math.round((Date.now() - Date.parse(snapshot.generatedAt)) / 1000),
  );
}

function counts(snapshot: FederationList): Record<ClusterState, number> {
  const out = Object.fromEntries(CLUSTER_STATES.map(s => [s, 0])) as Record<
    ClusterState,
    number
  >;
  for (const c of snapshot.clusters) out[c.state] += 1;
  return out;
}

/** The list route's answer. The list carries summaries only; checks and history are in the detail. */
export function overviewOf(
  snapshot: FederationList,
  refreshIntervalSeconds: number,
): FederationOverview {
  return {
    generatedAt: snapshot.generatedAt,
    ageSeconds: ageSeconds(snapshot),
    refreshIntervalSeconds,
    opsPrometheus: snapshot.opsPrometheus,
    counts: counts(snapshot),
    sharedCauses: snapshot.sharedCauses ?? [],
    clusters: snapshot.clusters.map(summaryOf),
    warnings: snapshot.warnings,
  };
}

/** The list while the first collection runs: no cluster yet, and when the snapshot is due. */
export function collectingOverview(
  collecting: FirstCollection,
  refreshIntervalSeconds: number,
): FederationOverview {
  return {
    ...overviewOf(
      {
        generatedAt: collecting.since,
        opsPrometheus: {
          reachable: false,
          error: 'not read yet: the first collection runs',
        },
        clusters: [],
        warnings: [],
      },
      refreshIntervalSeconds,
    ),
    collecting,
  };
}

/** A warning for the page when the cache failed and this replica's last copy is served. */
export function degraded(read: Read<{ generatedAt: string }>): SetupWarning[] {
  if (!read.problem || !read.value) return [];
  return [
    {
      id: 'backend-degraded',
      message: `Serving the snapshot of ${read.value.generatedAt} (${ageSeconds(
        read.value,
      )}s old): ${read.problem}.`,
      remediation:
        "Check the backend's shared cache (backend.cache) and database; the page catches up when they answer.",
    },
  ];
}

/** The list route's answer from a read, with the degraded store's warning first. */
export function listViewOf(
  read: Read<FederationList>,
  refreshIntervalSeconds: number,
): FederationOverview {
  const overview = overviewOf(read.value!, refreshIntervalSeconds);
  return { ...overview, warnings: [...degraded(read), ...overview.warnings] };
}
