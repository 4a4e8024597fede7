/**
 * The queries that tell why federated metrics are missing while the federate target is up: the
 * leaf's own application targets that are down (their `up` is federated too), and series whose
 * `job` arrived renamed to `exported_job` (a federate job without `honor_labels: true`). One
 * query each per refresh, for every cluster at once.
 */
import { dataMap, labelsOf, VectorSample } from './opsPrometheusAnswers';
import { withMatcher } from './opsPrometheusFreshness';

/** The leaf's own scrape jobs that are down, per cluster: never the federate jobs' own `up`. */
export function leafTargetsDownQuery(jobs: string): string {
  return `count by (source_cluster, job) (up{source_cluster!="", job!~"${jobs}"} == 0)`;
}

/** Renamed series per cluster: the http series and the leaf's `up`, which is what match[] keeps. */
export function renamedSeriesQuery(httpSelector: string): string {
  const renamed = 'exported_job!="", source_cluster!=""';
  return `count by (source_cluster) (${withMatcher(
    httpSelector,
    renamed,
  )}) or count by (source_cluster) (up{${renamed}})`;
}

export function parseLeafTargetsDown(
  samples: VectorSample[],
): Record<string, string[]> {
  const out = dataMap<string[]>();
  for (const sample of samples) {
    const { source_cluster: cluster, job } = labelsOf(sample?.metric);
    if (!cluster || !job) continue;
    (out[cluster] ??= []).push(job);
  }
  for (const jobs of Object.values(out)) jobs.sort();
  return out;
}
