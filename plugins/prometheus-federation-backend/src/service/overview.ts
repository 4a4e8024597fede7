import {
  CLUSTER_STATES,
  ClusterState,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import { FederationList, summaryOf } from '../store/snapshotStore';

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
