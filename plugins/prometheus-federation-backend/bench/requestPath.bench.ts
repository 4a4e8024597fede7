/**
 * The list route's request path under 50 concurrent readers, against two baselines in the same
 * run (not run in CI):
 *
 *   cd plugins/prometheus-federation-backend
 *   flock /tmp/promfed-ports.lock npx tsx bench/requestPath.bench.ts [10 1000]
 *
 * For each size: starts a fleet, forks the footprint bench's backend process with the floor route
 * (bench/benchFloorPlugin.ts) and, once the list has its first snapshot, a bare Node server
 * (bench/bareServer.ts) with the list's gzip bytes. Then, BENCH_ROUNDS times (order reversed each
 * round, so that drift on a shared machine falls on both sides), BENCH_LOAD_SECONDS of autocannon
 * with 50 connections on each of:
 * - bare: a bare HTTP server, the same bytes and the same static-token check;
 * - floor: a Backstage plugin route with the same checks serving the same bytes (Backstage's stack);
 * - list: the list route (200, gzip);
 * - list 304: the list route with the page's If-None-Match (an unchanged snapshot).
 * Then BENCH_REFRESHES refreshes (POST /refresh, one after the other) while one reader reads the
 * list every 100 ms: the reader's latency, the backend's event-loop delay over them, and, in this
 * process, how long JSON.stringify of the list takes (what the refresh answer cost the backend's
 * loop when it was serialised whole with res.json).
 * Prints JSON per size and the p99 ratios; writes artifacts/bench/requestPath.json (BENCH_OUT).
 */
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_PROBE_REUSE_SECONDS } from '../src/config/options';
import { BENCH_TOKEN } from './benchBackend';
import { startBenchFleet } from './benchFleet';
import {
  autocannon,
  eachSize,
  getBytes,
  median,
  round,
  writeResults,
} from './fleetMeasures';
import type { LoopDelay } from './loopProbe';
import {
  ask,
  startBackendProcess,
  stopBackendProcess,
  untilSnapshot,
} from './footprintProcess';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 3);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 26000);
const BACKEND_PORT = BASE_PORT + 10;
const BARE_PORT = BASE_PORT + 11;
// Backstage logs every request at info: the readers would measure the log, not the route.
process.env.LOG_LEVEL ??= 'warn';
const OUT =
  process.env.BENCH_OUT ??
  path.resolve(__dirname, '../../../artifacts/bench/requestPath.json');
const BACKEND = `http://127.0.0.1:${BACKEND_PORT}/api`;
const GZIP = {
  Authorization: `Bearer ${BENCH_TOKEN}`,
  'Accept-Encoding': 'gzip',
};

function startBare(bodyFile: string): Promise<ChildProcess> {
  const bare = fork(
    path.join(__dirname, 'bareServer.ts'),
    [String(BARE_PORT), bodyFile, BENCH_TOKEN],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  return new Promise(resolve =>
    bare.on('message', (m: { listening?: boolean }) => {
      if (m?.listening) resolve(bare);
    }),
  );
}

type Load = Awaited<ReturnType<typeof autocannon>>;

async function loads(etag: string) {
  const targets: Record<string, [string, Record<string, string>]> = {
    bare: [`http://127.0.0.1:${BARE_PORT}/`, GZIP],
    floor: [`${BACKEND}/bench-floor/bytes`, GZIP],
    list: [`${BACKEND}/prometheus-federation/clusters`, GZIP],
    list304: [
      `${BACKEND}/prometheus-federation/clusters`,
      { ...GZIP, 'If-None-Match': etag },
    ],
  };
  const runs: Record<string, Load[]> = {};
  for (let pass = 0; pass < ROUNDS; pass++) {
    const names = Object.keys(targets);
    for (const name of pass % 2 ? names.reverse() : names) {
      const [url, headers] = targets[name];
      const load = await autocannon(url, headers, {
        connections: 50,
        seconds: LOAD_SECONDS,
      });
      console.error(`  ${name}: ${JSON.stringify(load)}`);
      (runs[name] ??= []).push(load);
    }
  }
  // Each target's best round: the one least disturbed by the machine's other work.
  const best = Object.fromEntries(
    Object.entries(runs).map(([name, rs]) => [
      name,
      rs.reduce((a, b) => (b.p99Ms < a.p99Ms ? b : a)),
    ]),
  );
  const ratio = (a: string, b: string) =>
    Math.round((best[a].p99Ms / Math.max(1, best[b].p99Ms)) * 100) / 100;
  return {
    runs,
    best,
    p99Ratio: {
      listToBare: ratio('list', 'bare'),
      floorToBare: ratio('floor', 'bare'),
      listToFloor: ratio('list', 'floor'),
      list304ToBare: ratio('list304', 'bare'),
    },
  };
}

const p99 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor(xs.length * 0.99))
  ];

/** Refreshes one after the other while one reader reads the list every 100 ms. */
async function throughRefreshes(backend: ChildProcess) {
  const list = `${BACKEND}/prometheus-federation/clusters`;
  const refresh = () =>
    fetch(`${BACKEND}/prometheus-federation/refresh`, {
      method: 'POST',
      headers: GZIP,
    }).then(r => r.arrayBuffer().then(() => r.status));
  // One unmeasured: the refresh route's code is compiled.
  await refresh();
  const latencies: number[] = [];
  let reading = true;
  const reader = (async () => {
    while (reading) {
      const start = performance.now();
      await getBytes(list, GZIP);
      latencies.push(performance.now() - start);
      await new Promise(r => setTimeout(r, 100));
    }
  })();
  await ask<LoopDelay>(backend, { type: 'loop', reset: true });
  for (let i = 0; i < REFRESHES; i++) {
    const status = await refresh();
    if (status !== 200) throw new Error(`POST /refresh answered ${status}`);
  }
  reading = false;
  await reader;
  const loop = await ask<LoopDelay>(backend, { type: 'loop', reset: true });
  const raw = (await getBytes(list, { ...GZIP, 'Accept-Encoding': 'identity' }))
    .bytes;
  const overview = JSON.parse(raw.toString('utf8'));
  const stringify: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    JSON.stringify(overview);
    stringify.push(performance.now() - start);
  }
  return {
    oneReader: {
      samples: latencies.length,
      p50Ms: round(median(latencies)),
      p99Ms: round(p99(latencies)),
      maxMs: round(Math.max(...latencies)),
    },
    loopDelay: loop,
    listRawBytes: raw.length,
    stringifyListMedianMs: round(median(stringify)),
  };
}

async function benchSize(size: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-request-${size}-`));
  console.error(`[${size}] starting the fleet in ${dir}`);
  const { fleet, federation } = await startBenchFleet(dir, size, BASE_PORT, {
    probeReuseSeconds: DEFAULT_PROBE_REUSE_SECONDS,
  });
  const bodyFile = path.join(dir, 'list.json.gz');
  process.env.BENCH_FLOOR_BODY = bodyFile;
  let backend: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    const federationFile = path.join(dir, 'federation.json');
    fs.writeFileSync(federationFile, JSON.stringify(federation));
    backend = startBackendProcess(dir, BACKEND_PORT, federationFile).child;
    await untilSnapshot(`${BACKEND}/prometheus-federation/clusters`, 300_000);
    const list = await getBytes(
      `${BACKEND}/prometheus-federation/clusters`,
      GZIP,
    );
    fs.writeFileSync(bodyFile, list.bytes);
    bare = await startBare(bodyFile);
    const measured = await loads(String(list.headers.etag));
    console.error(`[${size}] ${JSON.stringify(measured.p99Ratio)}`);
    const refreshes = await throughRefreshes(backend);
    console.error(`[${size}] refreshes ${JSON.stringify(refreshes)}`);
    return {
      clusters: size,
      gzipBytes: list.bytes.length,
      ...measured,
      refreshes,
    };
  } finally {
    bare?.kill('SIGKILL');
    if (backend) await stopBackendProcess(backend);
    await fleet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const results = await eachSize(SIZES.length ? SIZES : [10, 1000], benchSize);
  console.log(JSON.stringify(results, null, 2));
  for (const r of results.filter(x => x.best))
    console.log(
      `${r.clusters} clusters: p99 ${Object.entries(r.best)
        .map(
          ([k, v]: [string, any]) => `${k} ${v.p99Ms} ms (${round(v.rps)}/s)`,
        )
        .join(', ')}; ratios ${JSON.stringify(r.p99Ratio)}`,
    );
  writeResults(OUT, results);
  process.exit(0);
}

main();
