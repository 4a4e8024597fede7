/**
 * Which metric names' newest samples tell the freshness of an application's http series. A
 * histogram's `_bucket` and `_sum` series come from the same scrape as its `_count`, so they
 * carry the same sample time: reading `_count` alone answers for the family at a fraction of
 * the cost (a histogram has ten or more buckets per `_count`). A family member is left out only
 * where every cluster and application that has it also has the `_count`.
 */
import { VectorSample } from './opsPrometheusAnswers';

/** Names whose newest samples are read; the families with most series first. */
export const MAX_NAMES = 20;

const PROMQL_NAME = /^[a-zA-Z_:][\w:]*$/;
const FAMILY_MEMBER = /^(.*)_(bucket|sum)$/;

/** From `count by (__name__, source_cluster, <app>)`: the names to read, at most MAX_NAMES. */
export function freshnessNames(counts: VectorSample[], app: string): string[] {
  const series = new Map<string, number>();
  const owners = new Map<string, Set<string>>();
  for (const sample of counts) {
    const name = sample.metric.__name__ ?? '';
    if (!PROMQL_NAME.test(name)) continue;
    series.set(name, (series.get(name) ?? 0) + Number(sample.value[1]));
    const owner = `${sample.metric.source_cluster}\u0000${
      sample.metric[app] ?? ''
    }`;
    if (!owners.has(name)) owners.set(name, new Set());
    owners.get(name)!.add(owner);
  }
  // A family's series count towards the name read for it, so it ranks as the whole family.
  const weight = new Map<string, number>();
  for (const [name, n] of series) {
    const read = readFor(name, owners);
    weight.set(read, (weight.get(read) ?? 0) + n);
  }
  return [...weight]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_NAMES)
    .map(([name]) => name);
}

/** The `_count` of the family when it stands in for `name` everywhere `name` is, else `name`. */
function readFor(name: string, owners: Map<string, Set<string>>): string {
  const family = FAMILY_MEMBER.exec(name);
  if (!family) return name;
  const count = owners.get(`${family[1]}_count`);
  if (!count) return name;
  for (const owner of owners.get(name)!) if (!count.has(owner)) return name;
  return `${family[1]}_count`;
}
