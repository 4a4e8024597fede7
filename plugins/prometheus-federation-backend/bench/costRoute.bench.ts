/**
 * The cost route under 50 concurrent callers, against the lab's real ops Prometheus, before and
 * after the cost cache, in one run (not run in CI):
 *
 *   cd plugins/prometheus-federation-backend
 *   flock /tmp/promfed-ports.lock npx tsx bench/costRoute.bench.ts   (writes bench/costRoute.results.md)
 *
 * A counting proxy stands between the backend and ops Prometheus. For each setting a real backend
 * (backend-defaults) serves GET /clusters/blue/cost to CALLERS loops for SECONDS each; the table
 * gives ops Prometheus queries per second and the callers' p50 and p99. "No cache" is
 * `cost.cacheSeconds: 0`: concurrent callers still share one read in flight. The scheduled
 * collection runs once at start (refreshIntervalSeconds 3600), before the load. The per-user budget
 * is off (`perUserPerMinute: 0`): every caller is the same bench principal.
 */
import { startLab } from '@promfed/federation-lab';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { BENCH_TOKEN, startBenchBackend } from './benchBackend';

const CALLERS = Number(process.env.BENCH_CALLERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 27000);
const PROXY_PORT = BASE_PORT - 9;
const BACKEND_PORT = BASE_PORT - 8;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Forwards every request to `target`, counting them. */
function countingProxy(target: string, port: number) {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    const upstream = http.request(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise<{ count: () => number; close: () => void }>(resolve =>
    server.listen(port, '127.0.0.1', () =>
      resolve({ count: () => count, close: () => server.close() }),
    ),
  );
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))
  ];

/** CALLERS loops of GET for SECONDS: latencies, statuses and ops requests per second. */
async function load(url: string, opsCount: () => number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const opsBefore = opsCount();
  const started = Date.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        const res = await fetch(url, {
          headers: { Authorization: `Bearer ${BENCH_TOKEN}` },
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return {
    answers: latencies.length,
    statuses: [...statuses].map(([s, n]) => `${n}×${s}`).join(', '),
    opsPerSecond: (opsCount() - opsBefore) / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-cost-bench-'));
  const lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: ['blue', 'green'],
  });
  const federation = lab.backendConfig.prometheusFederation;
  const proxy = await countingProxy(federation.opsPrometheus.url, PROXY_PORT);
  const rows: string[] = [];
  try {
    // A few scrapes, so that rates and the history have points.
    await sleep(15_000);
    for (const [label, cacheSeconds] of [
      ['no cache (reads shared in flight only)', 0],
      ['cache 60 s', 60],
    ] as const) {
      const backend = await startBenchBackend({
        dir,
        port: BACKEND_PORT,
        federation: {
          ...federation,
          opsPrometheus: { url: `http://127.0.0.1:${PROXY_PORT}` },
          cost: { cacheSeconds, perUserPerMinute: 0 },
          // One collection at start, then none during the run: the proxy counts cost reads.
          refreshIntervalSeconds: 3600,
        },
      });
      try {
        await sleep(5_000);
        const r = await load(
          `http://127.0.0.1:${BACKEND_PORT}/api/prometheus-federation/clusters/blue/cost`,
          proxy.count,
        );
        rows.push(
          `| ${label} | ${r.answers} (${r.statuses}) | ${r.opsPerSecond.toFixed(
            1,
          )} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} |`,
        );
      } finally {
        await backend.stop();
      }
    }
    const report = [
      `# Cost route under ${CALLERS} concurrent callers (${new Date().toISOString()})`,
      '',
      `Lab: 2 leaves, real ops Prometheus behind a counting proxy; ${SECONDS} s per setting; ${
        os.cpus().length
      } CPUs (shared; load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}); Node ${
        process.version
      }. The callers run in the backend's process: latencies include their own work.`,
      '',
      '| setting | answers | ops Prometheus requests/s | p50 ms | p99 ms |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    fs.writeFileSync(path.join(__dirname, 'costRoute.results.md'), report);
    console.log(report);
  } finally {
    proxy.close();
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The stopped backend leaves timers behind: exit, so that the port lock is released at once.
main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
