import { FederationOverview } from '@promfed/plugin-prometheus-federation-common';

/** The overview without some clusters (onboarding, retiring), its counts to match. */
export function withoutClusters(
  overview: FederationOverview,
  names: ReadonlySet<string>,
): FederationOverview {
  if (names.size === 0) return overview;
  const clusters = overview.clusters.filter(c => !names.has(c.name));
  const counts = { ...overview.counts };
  for (const c of overview.clusters)
    if (names.has(c.name)) counts[c.state] = Math.max(0, counts[c.state] - 1);
  return { ...overview, clusters, counts };
}
