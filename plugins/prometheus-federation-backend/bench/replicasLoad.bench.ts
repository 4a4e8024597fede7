/**
 * Load on the replicas 50 concurrent readers for 30 s across the backend replicas,
 * loopback only, bounded by duration and connections. Not run in CI.
 *
 * Run by src/replicas.integration.test.ts while it injects its fault matrix:
 *
 *   REPLICAS_LOAD=1 npx backstage-cli package test src/replicas.integration.test.ts
 *
 * or against replicas already running (loopback URLs only):
 *
 *   REPLICA_URLS=http://localhost:7301,http://localhost:7302 REPLICAS_TOKEN=... \
 *     npx tsx bench/replicasLoad.bench.ts
 *
 * Readers poll the list route. Reports requests served, p50/p99 latency and errors (connection
 * errors, timeouts and non-2xx answers).
 */
import { autocannon } from './fleetMeasures';

export interface LoadOptions {
  urls: string[];
  token: string;
  connections?: number;
  seconds?: number;
}

export interface LoadResult {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statuses: Record<string, number>;
  perReplica: number[];
}

/** One autocannon process per replica (its own event loop), the readers split between them. */
export async function replicasLoad(options: LoadOptions): Promise<LoadResult> {
  const { urls, token, connections = 50, seconds = 30 } = options;
  for (const url of urls)
    if (!/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(url))
      throw new Error(`loopback only: ${url}`);
  const runs = await Promise.all(
    urls.map((url, i) =>
      autocannon(
        `${url}/api/prometheus-federation/clusters`,
        { authorization: `Bearer ${token}` },
        {
          // Split the readers between the replicas, like a load balancer.
          connections:
            Math.floor(connections / urls.length) +
            (i < connections % urls.length ? 1 : 0),
          seconds,
        },
      ),
    ),
  );
  const total = runs.reduce((n, r) => n + r.requests, 0);
  const statuses: Record<string, number> = {};
  for (const r of runs)
    for (const [code, n] of Object.entries(r.statuses))
      statuses[code] = (statuses[code] ?? 0) + n;
  const non2xx = Object.entries(statuses)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);
  return {
    requests: total,
    // The p50 weighted by requests; the p99 the worse of the two (an upper bound).
    p50Ms: Math.round(
      runs.reduce((sum, r) => sum + r.p50Ms * r.requests, 0) /
        Math.max(1, total),
    ),
    p99Ms: Math.max(...runs.map(r => r.p99Ms)),
    errors: runs.reduce((n, r) => n + r.errors, 0) + non2xx,
    statuses,
    perReplica: runs.map(r => r.requests),
  };
}

export function formatLoad(r: LoadResult, seconds = 30): string {
  return `load: ${r.requests} requests in ${seconds}s (${r.perReplica.join(
    ' + ',
  )} per replica), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${
    r.errors
  } (statuses ${JSON.stringify(r.statuses)})`;
}

if (require.main === module) {
  const urls = (process.env.REPLICA_URLS ?? '').split(',').filter(Boolean);
  const token = process.env.REPLICAS_TOKEN ?? '';
  if (!urls.length || !token) {
    console.error('set REPLICA_URLS (comma-separated) and REPLICAS_TOKEN');
    process.exit(2);
  }
  replicasLoad({ urls, token })
    .then(r => console.log(formatLoad(r)))
    .catch(error => {
      console.error(error);
      process.exit(1);
    });
}
