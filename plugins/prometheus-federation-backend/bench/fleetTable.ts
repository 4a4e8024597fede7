/**
 * The fleet benchmark's table one row per size, every figure side by side, for the
 * console and as Markdown (bench/fleet.results.md is written from it).
 */

const s = (ms?: number) =>
  ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`;
function kb(bytes?: number): string {
  if (bytes === undefined) return '?';
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(2)} MB`;
  return `${(bytes / 1000).toFixed(1)} kB`;
}
function pageCell(page: any): string {
  if (!page) return '?';
  if (page.error) return `error: ${page.error}`;
  return `${page.usableMedianMs}/${page.emptyMedianMs} ms (${page.ratio}×)`;
}
const pct = (a?: number, b?: number) =>
  a && b ? `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%` : '?';

/** One row's cells, by column title. */
export function row(r: any): Record<string, string | number> {
  if (r.error) return { clusters: r.clusters, error: r.error };
  return {
    clusters: r.clusters,
    ...(r.source ? { source: r.source } : {}),
    ...(r.catalogRequestsPerRefresh !== undefined
      ? { 'catalog req/refresh': r.catalogRequestsPerRefresh }
      : {}),
    'load avg (1 min, start→end)': `${r.loadAvg?.start ?? '?'}→${
      r.loadAvg?.end ?? '?'
    }`,
    cold: s(r.coldCollectMs),
    floor: `${r.floorMs} ms`,
    'cold/floor': r.coldVsFloor,
    'warm (median)': s(r.warmCollectMedianMs),
    'Prom req': r.opsPrometheusRequests,
    'AWS req (pages)': r.awsRequests,
    'K8s/cluster (1st/warm)': `${r.kubernetesPerCluster}/${r.kubernetesPerClusterWarm}`,
    'RSS 1→10': `${r.memoryAfter1?.rssMb}→${r.memoryAfterN?.rssMb} MB (${pct(
      r.memoryAfter1?.rssMb,
      r.memoryAfterN?.rssMb,
    )})`,
    'heap after GC 1→10': `${r.memoryAfter1?.heapUsedMb}→${
      r.memoryAfterN?.heapUsedMb
    } MB (${pct(r.memoryAfter1?.heapUsedMb, r.memoryAfterN?.heapUsedMb)})`,
    'raw/gzip': `${kb(r.payloadRawBytes)}/${kb(r.payloadGzipBytes)}`,
    'warm p50/p99 (50 readers)': `${r.warm?.p50Ms}/${r.warm?.p99Ms} ms`,
    '304 p50/p99': `${r.polls?.p50Ms}/${r.polls?.p99Ms} ms`,
    '304 share': `${r.share304Pct}%`,
    'page usable/empty': pageCell(r.page),
  };
}

/** The rows as a Markdown table. */
export function markdownTable(
  results: any[],
  rowOf: (r: any) => Record<string, string | number> = row,
): string {
  const rows = results.map(rowOf);
  const titles = [...new Set(rows.flatMap(r => Object.keys(r)))];
  const line = (cells: unknown[]) => `| ${cells.join(' | ')} |`;
  return [
    line(titles),
    line(titles.map(() => '---')),
    ...rows.map(r => line(titles.map(t => r[t] ?? ''))),
  ].join('\n');
}
