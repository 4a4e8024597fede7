import { ApplicationFederation } from '@promfed/plugin-prometheus-federation-common';
import { FederationOptions } from '../config/options';
import { dashboardLinks } from './links';
import { isStale } from './freshness';
import { FederationSnapshot } from './triageFederation';

/**
 * Whether one application's http series arrive from each cluster: some series, and the newest
 * sample fresh by the cluster's federate interval (the metrics check's own staleness rule).
 */
export function applicationFederation(
  snapshot: FederationSnapshot,
  application: string,
  options: FederationOptions,
): ApplicationFederation {
  const series = snapshot.applications ?? {};
  // Ages count on ops Prometheus' clock, as the metrics check's (freshness.ts).
  const now = snapshot.opsQueriedAt ?? Date.parse(snapshot.generatedAt) / 1000;
  return {
    application,
    clusters: snapshot.clusters.map(c => {
      const found = series[c.name]?.[application];
      const age =
        found?.newestSample !== undefined
          ? Math.max(0, Math.round(now - found.newestSample))
          : undefined;
      const stale =
        age !== undefined && isStale(age, c.target?.scrapeIntervalSeconds);
      return {
        cluster: c.name,
        clusterState: c.state,
        arriving: !!found && found.series > 0 && !stale,
        httpSeries: found?.series ?? 0,
        newestSampleAgeSeconds: age,
        dashboards: dashboardLinks(options, c.name, application),
      };
    }),
  };
}
