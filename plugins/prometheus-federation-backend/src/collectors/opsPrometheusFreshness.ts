/**
 * The queries that tell whether federated series are fresh: the newest sample time of the http
 * series themselves (not the leaf's `up`, which keeps arriving when only the apps' metrics stop),
 * per replica label value, and when each federate target was last seen down.
 */
import { BucketCounts } from './bucketCounts';
import { freshnessNames } from './freshnessNames';
import { VectorSample } from './opsPrometheusAnswers';

type Query = (expr: string) => Promise<VectorSample[]>;

/** The selector narrowed to one metric name: timestamp() of two names fails ("same labelset"). */
export function selectorForName(selector: string, name: string): string {
  const trimmed = selector.trim();
  // `name{...}` or `name` already is a single name.
  if (!trimmed.startsWith('{')) return trimmed;
  const inner = trimmed.slice(1, -1).trim();
  return `{__name__="${name}"${inner ? `, ${inner}` : ''}}`;
}

/** The newest sample time of every name at once, per cluster and application. */
function newestQuery(selector: string, app: string, names: string[]): string {
  // A label per name keeps the per-name maxima apart until the outer max.
  const perName = names.map(
    (name, i) =>
      `label_replace(max by (source_cluster, ${app}) (timestamp(${selectorForName(
        selector,
        name,
      )})), "pf_name", "${i}", "", "")`,
  );
  return `max by (source_cluster, ${app}) (${perName.join(' or ')})`;
}

/** The selector with one more matcher: `{a="b"}` + `c!=""` -> `{a="b", c!=""}`. */
export function withMatcher(selector: string, matcher: string): string {
  const s = selector.trim();
  if (!s.endsWith('}')) return `${s}{${matcher}}`;
  const inner = s.slice(s.indexOf('{') + 1, -1).trim();
  return `${s.slice(0, s.indexOf('{'))}{${
    inner ? `${inner}, ` : ''
  }${matcher}}`;
}

const sameNames = (a: string[], b: string[]) =>
  a.length === b.length && a.every(name => b.includes(name));

/** What one refresh leaves for the next: the names it read, the bucket counts it kept. */
export interface HttpSeriesMemory {
  names: string[];
  buckets: BucketCounts;
}

/**
 * Series counts per metric name, cluster and application, then the newest sample time of every
 * name read for freshness (freshnessNames.ts) at once. timestamp() of a plain selector keeps the
 * sample's own (the leaf's) time. Histogram buckets are counted apart, and again only when their
 * number can have changed (bucketCounts.ts).
 * The previous refresh's names let the newest query run beside the counts: at 1000 clusters each
 * takes a second or more. When the counts name other top names, the newest query runs again with
 * them, so the answer is the same as reading one after the other.
 */
export async function readHttpSeries(
  query: Query,
  selector: string,
  app: string,
  memory: HttpSeriesMemory,
): Promise<{
  counts: VectorSample[];
  newest: VectorSample[];
  names: string[];
  evaluatedAt?: number;
}> {
  const knownNames = memory.names;
  const countBy = (matcher: string) =>
    query(
      `count by (__name__, source_cluster, ${app}) (${withMatcher(
        selector,
        matcher,
      )})`,
    );
  const early = knownNames.length
    ? query(newestQuery(selector, app, knownNames))
    : undefined;
  const buckets = '__name__=~".+_bucket"';
  const bucketsDue = memory.buckets.due() ? countBy(buckets) : undefined;
  // A failed early read must not be left unhandled when the counts fail first.
  early?.catch(() => undefined);
  bucketsDue?.catch(() => undefined);
  const others = await countBy('__name__!~".+_bucket"');
  const counts = [
    ...others,
    ...(await memory.buckets.counts(
      others,
      () => countBy(buckets),
      bucketsDue,
    )),
  ];
  const names = freshnessNames(counts, app);
  memory.names = names;
  // Ages are judged on ops Prometheus' clock, at the time it answered: neither the backend's
  // clock skew nor the rest of the refresh's collection time counts against a leaf.
  // Kept bucket counts carry the time they were read, not this refresh's.
  const evaluatedAt = (answer: VectorSample[]) =>
    answer.length ? Number(answer[0].value[0]) : undefined;
  if (!names.length)
    return { counts, newest: [], names, evaluatedAt: evaluatedAt(others) };
  const newest =
    early && sameNames(names, knownNames)
      ? await early
      : await query(newestQuery(selector, app, names));
  return {
    counts,
    newest,
    names,
    evaluatedAt: evaluatedAt(others) ?? evaluatedAt(newest),
  };
}

/** Newest leaf sample per replica label value ('' when the series have none). */
export function replicaQuery(jobs: string): string {
  return `max by (source_cluster, prometheus_replica) (timestamp(up{source_cluster!="", job!~"${jobs}"}))`;
}

/** The last subquery step at which each federate target was down, over 10 minutes. */
export function lastDownQuery(jobs: string): string {
  return `max by (job) (max_over_time(timestamp(up{job=~"${jobs}"} == 0)[10m:]))`;
}

/** Distinct replica label values per cluster. */
export function replicaCounts(
  samples: Record<string, Record<string, number>>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(samples).map(([c, r]) => [c, Object.keys(r).length]),
  );
}

export function parseReplicaSamples(
  samples: VectorSample[],
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = Object.create(null);
  for (const sample of samples) {
    const cluster = sample.metric.source_cluster;
    if (!cluster) continue;
    const replicas = (out[cluster] ??= Object.create(null));
    replicas[sample.metric.prometheus_replica ?? ''] = Number(sample.value[1]);
  }
  return out;
}
