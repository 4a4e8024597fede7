/**
 * Footprint of the real backend process at fleet sizes, all sizes in one run (not run in CI):
 *
 *   cd plugins/prometheus-federation-backend
 *   flock /tmp/promfed-ports.lock npx tsx bench/footprint.bench.ts [10 1000]
 *
 * For each size: starts a fleet (the lab's fleet mode), measures the floor (one bare targets
 * call plus the slowest single cluster's sources), then forks the backend process
 * (bench/footprintBackend.ts: backend-defaults, this plugin, PostgreSQL and Redis from
 * scripts/services as in production; BENCH_SERVICES=sqlite: SQLite files and a memory cache)
 * and, once it answers, the same process without this plugin (the baseline: Backstage's own
 * share), and measures:
 * - the first answer of the list route after start, without a stored copy (a fresh database);
 * - cold and warm collection (facts and triage) in the bench process before the backend starts,
 *   and in the backend: from its first answer until the first snapshot is served;
 * - after one unmeasured refresh, the start-up window's refreshes (until both backends are
 *   BENCH_STEADY_AFTER_S, 90, old: V8 shrinks the heap that loading left, in both), measured
 *   apart; then BENCH_REFRESHES refreshes (POST /refresh, one after the other, as the page's
 *   button asks):
 *   their median, one reader sampling the list every 250 ms throughout (p99, max), and the
 *   backend's own event-loop delay over them (`monitorEventLoopDelay`, max and p99) beside the
 *   bare server's over the same window (the machine's share: an idle process's delay) and the
 *   baseline's (Backstage's share); and each turn held over 50 ms in any of them, with the
 *   serving thread's CPU time and the collection pauses in it, and which of the others lost the
 *   same moment (longTurns.ts);
 * - steady RSS after those refreshes: when the next refresh would start at the default interval
 *   (30 s after the last), beside the reading once the collection worker has collected the last
 *   one's garbage, the one right after the first, and the baseline's;
 * - warm list p99 under 50 concurrent readers, against a bare Node HTTP server serving the same
 *   gzip bytes with the same static-token check, in the same run (bench/bareServer.ts);
 * - the first answer after a restart on the same database: from the stored copy.
 * Prints JSON per size and a Markdown table; writes artifacts/bench/footprint.json (BENCH_OUT).
 */
import { ConfigReader } from '@backstage/config';
import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { readFederationConfig } from '../src/config/readFederationConfig';
import { BENCH_TOKEN } from './benchBackend';
import { startBenchFleet } from './benchFleet';
import {
  autocannon,
  eachSize,
  getBytes,
  measureFloor,
  median,
  playedRefreshClock,
  round,
  writeResults,
} from './fleetMeasures';
import { LONG_DELAY_MS, LoopDelay, MemoryAnswer } from './loopProbe';
import { turnsSideBySide } from './longTurns';
import { FactsCollector } from '../src/collectors/collectFacts';
import {
  DEFAULT_PROBE_REUSE_SECONDS,
  DEFAULT_REFRESH_INTERVAL_SECONDS,
  FederationOptions,
} from '../src/config/options';
import { triageFederation } from '../src/triage/triageFederation';
import { footprintTable } from './footprintTable';
import {
  ServicesPlace,
  startProductionServices,
  stopProductionServices,
} from '../src/__testUtils__/productionServices';
import type { BenchServices } from './benchBackend';
import { GARBAGE_DELAY_MS } from '../src/worker/WorkerSnapshotCollector';
import {
  ask,
  firstAnswer,
  startBackendProcess,
  startBaselineProcess,
  stopBackendProcess,
  untilSnapshot,
} from './footprintProcess';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 10);
const READERS = 50;
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const SAMPLE_MS = 250;
/** After the worker's garbage collection is due: the listeners before it and its own time. */
const SETTLE_MS = 3000;
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 26000);
const BACKEND_PORT = BASE_PORT + 10;
const BARE_PORT = BASE_PORT + 11;
const BASELINE_PORT = BASE_PORT + 12;
/**
 * The backends' database and cache: PostgreSQL and Redis from scripts/services, as
 * app-config.production.yaml has them (default), or BENCH_SERVICES=sqlite: SQLite files and a
 * memory cache, as the dev config. better-sqlite3 answers on the serving thread itself.
 */
const SERVICES = process.env.BENCH_SERVICES ?? 'production';
const SERVICES_PLACE: ServicesPlace = {
  dir: path.join(os.tmpdir(), `pf-footprint-services-${process.pid}`),
  postgresPort: BASE_PORT + 13,
  redisPort: BASE_PORT + 14,
};
// Backstage logs every request at info: the readers would measure the log, not the route.
process.env.LOG_LEVEL ??= 'warn';
const OUT =
  process.env.BENCH_OUT ??
  path.resolve(__dirname, '../../../artifacts/bench/footprint.json');
const LIST = `http://127.0.0.1:${BACKEND_PORT}/api/prometheus-federation/clusters`;
const REFRESH = `http://127.0.0.1:${BACKEND_PORT}/api/prometheus-federation/refresh`;
const AUTH = { Authorization: `Bearer ${BENCH_TOKEN}` };
const GZIP = { ...AUTH, 'Accept-Encoding': 'gzip' };

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const load1 = () => round(os.loadavg()[0]);
const p99 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[
    Math.min(xs.length - 1, Math.floor(xs.length * 0.99))
  ];

function post(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: AUTH }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const withoutTurns = ({ turns: _t, ...delay }: LoopDelay) => delay;

/**
 * The measured refreshes begin once both backends are this old: before, V8's memory reducer
 * shrinks the heap that loading the backend left (Backstage's own start-up collections, with or
 * without this plugin). The refreshes until then are measured apart, as the start-up window.
 */
const STEADY_AFTER_S = Number(process.env.BENCH_STEADY_AFTER_S ?? 90);

/** The three processes' delays, and whose each long turn was (longTurns.ts). */
function attributed([loop, bareLoop, baselineLoop]: LoopDelay[]) {
  return {
    loopDelay: withoutTurns(loop),
    bareLoopDelay: withoutTurns(bareLoop),
    baselineLoopDelay: withoutTurns(baselineLoop),
    longTurns: turnsSideBySide(
      {
        backend: loop.turns,
        baseline: baselineLoop.turns,
        idle: bareLoop.turns,
      },
      LONG_DELAY_MS,
    ),
  };
}

const readerFigures = (latencies: number[]) => ({
  samples: latencies.length,
  p99Ms: round(p99(latencies)),
  maxMs: round(Math.max(...latencies)),
});

/**
 * Refreshes one after the other while one reader samples the list: the start-up window's until
 * the younger backend (the baseline) is STEADY_AFTER_S old, then BENCH_REFRESHES measured ones.
 */
async function refreshes(
  child: ChildProcess,
  bare: ChildProcess,
  baseline: ChildProcess,
  baselineStartedAt: number,
) {
  // One refresh first, unmeasured: the route's code is loaded (and, run from source, compiled).
  await post(REFRESH);
  let latencies: number[] = [];
  let reading = true;
  const reader = (async () => {
    while (reading) {
      const start = performance.now();
      await getBytes(LIST, GZIP);
      latencies.push(performance.now() - start);
      await sleep(SAMPLE_MS);
    }
  })();
  // The backend, an idle process (the machine's share) and the baseline (Backstage's share).
  const probed = [child, bare, baseline];
  const loops = () =>
    Promise.all(
      probed.map(p => ask<LoopDelay>(p, { type: 'loop', reset: true })),
    );
  const refresh = async () => {
    const start = performance.now();
    const status = await post(REFRESH);
    if (status !== 200) throw new Error(`POST /refresh answered ${status}`);
    return performance.now() - start;
  };
  await loops();
  let startUpRefreshes = 0;
  while (performance.now() - baselineStartedAt < STEADY_AFTER_S * 1000) {
    await refresh();
    startUpRefreshes++;
  }
  const startUp = {
    refreshes: startUpRefreshes,
    ...attributed(await loops()),
    oneReader: readerFigures(latencies),
  };
  latencies = [];
  const refreshMs: number[] = [];
  let rssAfterFirstMb = 0;
  for (let i = 0; i < REFRESHES; i++) {
    refreshMs.push(await refresh());
    if (i === 0)
      rssAfterFirstMb = (
        await ask<{ rssMb: number }>(child, { type: 'memory' })
      ).rssMb;
  }
  reading = false;
  await reader;
  const steady = attributed(await loops());
  // Between refreshes, once the worker has collected the last one's garbage; then when the next
  // refresh would start at the default interval (V8 gives pages back when the threads go idle).
  await sleep(GARBAGE_DELAY_MS + SETTLE_MS);
  const afterGc = await ask<MemoryAnswer>(child, { type: 'memory' });
  await sleep(
    DEFAULT_REFRESH_INTERVAL_SECONDS * 1000 - GARBAGE_DELAY_MS - SETTLE_MS,
  );
  const memory = await ask<MemoryAnswer>(child, { type: 'memory' });
  const baselineMemory = await ask<MemoryAnswer>(baseline, { type: 'memory' });
  return {
    refreshMedianMs: round(median(refreshMs)),
    refreshMs: refreshMs.map(round),
    ...steady,
    oneReader: readerFigures(latencies),
    startUp,
    rssAfterFirstMb: round(rssAfterFirstMb),
    rssAfterGcMb: round(afterGc.rssMb),
    rssSteadyMb: round(memory.rssMb),
    heapTotalSteadyMb: round(memory.heapTotalMb),
    heapUsedSteadyMb: round(memory.heapUsedMb),
    externalSteadyMb: round(memory.externalMb),
    baselineRssSteadyMb: round(baselineMemory.rssMb),
    baselineHeapUsedSteadyMb: round(baselineMemory.heapUsedMb),
  };
}

/** The bare server with the list's bytes as the backend serves them now. */
async function startBare(dir: string) {
  const body = await getBytes(LIST, GZIP);
  const bodyFile = path.join(dir, 'list.json.gz');
  fs.writeFileSync(bodyFile, body.bytes);
  const bare = fork(
    path.join(__dirname, 'bareServer.ts'),
    [String(BARE_PORT), bodyFile, BENCH_TOKEN],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await new Promise<void>(resolve => {
    const onMessage = (m: { listening?: boolean }) => {
      if (!m?.listening) return;
      bare.off('message', onMessage);
      resolve();
    };
    bare.on('message', onMessage);
  });
  return { bare, gzipBytes: body.bytes.length };
}

/** 50 readers on the backend's list, then on the bare server with the same bytes and check. */
async function warmAgainstBare() {
  const load = { connections: READERS, seconds: LOAD_SECONDS };
  const backend = await autocannon(LIST, GZIP, load);
  const bare = await autocannon(`http://127.0.0.1:${BARE_PORT}/`, GZIP, load);
  return {
    backend,
    bare,
    p99Ratio: Math.round((backend.p99Ms / Math.max(1, bare.p99Ms)) * 100) / 100,
  };
}

/**
 * Cold and warm collection (facts and triage) in this process, before the backend starts: the
 * time the work takes, without the scheduler's pickup that a POST /refresh also waits for. The
 * ten warm ones are played one refresh interval (30 s) apart: from the fifth on, healthy leaves'
 * probes fall due again (probeReuseSeconds), about a fifth per collection, as at steady state.
 */
async function collectInProcess(options: FederationOptions) {
  const clock = playedRefreshClock();
  // The section's probe reuse is the default (benchSize).
  const collector = new FactsCollector(options, undefined, clock.now);
  const once = async () => {
    const start = performance.now();
    triageFederation(await collector.collect(), options);
    return performance.now() - start;
  };
  const coldMs = await once();
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) {
    clock.nextRefresh();
    warm.push(await once());
  }
  collector.close();
  return {
    coldCollectMs: round(coldMs),
    warmCollectMedianMs: round(median(warm)),
    warmCollectMaxMs: round(Math.max(...warm)),
    // From the fifth on, each re-probes its share of the healthy leaves.
    warmReprobingMedianMs: round(median(warm.slice(4))),
  };
}

/** With production's services: their environment, and the size's own Redis database. */
interface SizeServices {
  env: Record<string, string>;
  redisDb: number;
}

/**
 * Each size's backend and baseline get databases of their own (a prefix each) and the size its
 * own Redis database, so that no size starts on another's copy.
 */
function servicesFiles(dir: string, size: number, production?: SizeServices) {
  if (!production) return { backend: undefined, baseline: undefined };
  const { env, redisDb } = production;
  const write = (role: string) => {
    const services: BenchServices = {
      database: {
        client: 'pg',
        connection: {
          host: env.POSTGRES_HOST,
          port: Number(env.POSTGRES_PORT),
          user: env.POSTGRES_USER,
          password: env.POSTGRES_PASSWORD,
        },
        prefix: `bench_${size}_${role}_`,
      },
      cache: { store: 'redis', connection: `${env.REDIS_URL}/${redisDb}` },
    };
    const file = path.join(dir, `services-${role}.json`);
    fs.writeFileSync(file, JSON.stringify(services), { mode: 0o600 });
    return file;
  };
  return { backend: write('backend'), baseline: write('baseline') };
}

async function benchSize(size: number, production?: SizeServices) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-footprint-${size}-`));
  const services = servicesFiles(dir, size, production);
  const loadAtStart = load1();
  console.error(`[${size}] starting the fleet in ${dir}`);
  const { fleet, federation } = await startBenchFleet(dir, size, BASE_PORT, {
    // The default probe reuse, as deployed (the route benches' 100 suits back-to-back refreshes).
    probeReuseSeconds: DEFAULT_PROBE_REUSE_SECONDS,
    // Refreshes come from the bench (POST /refresh), one after the other.
    refresh: { minAgeSeconds: 0, perUserPerMinute: 0 },
  });
  let backend: ReturnType<typeof startBackendProcess> | undefined;
  let baseline: ChildProcess | undefined;
  try {
    const federationFile = path.join(dir, 'federation.json');
    fs.writeFileSync(federationFile, JSON.stringify(federation));
    const options = readFederationConfig(
      new ConfigReader({ prometheusFederation: federation }),
    )!;
    const floor = await measureFloor(options);
    const collection = await collectInProcess(options);
    console.error(
      `[${size}] floor ${JSON.stringify(floor)}, ${JSON.stringify(collection)}`,
    );

    backend = startBackendProcess(
      dir,
      BACKEND_PORT,
      federationFile,
      services.backend,
    );
    const withoutCopy = await firstAnswer(LIST, backend.startedAt);
    const answeredAt = performance.now();
    // Once the backend answers (its first answer is its own), a few seconds younger than it.
    const baselineStartedAt = performance.now();
    baseline = await startBaselineProcess(
      dir,
      BASELINE_PORT,
      services.baseline,
    );
    const firstSnapshotMs = round(
      (await untilSnapshot(LIST, 120_000)) - answeredAt,
    );
    console.error(
      `[${size}] first answer ${JSON.stringify(
        withoutCopy,
      )}, first snapshot ${firstSnapshotMs} ms later`,
    );
    const { bare, gzipBytes } = await startBare(dir);
    let warm;
    let refreshed;
    try {
      refreshed = await refreshes(
        backend.child,
        bare,
        baseline,
        baselineStartedAt,
      );
      console.error(`[${size}] refreshes ${JSON.stringify(refreshed)}`);
      warm = { gzipBytes, ...(await warmAgainstBare()) };
      console.error(`[${size}] warm ${JSON.stringify(warm)}`);
    } finally {
      bare.kill('SIGKILL');
      baseline.kill('SIGKILL');
    }
    const exitMs = await stopBackendProcess(backend.child);

    backend = startBackendProcess(
      dir,
      BACKEND_PORT,
      federationFile,
      services.backend,
    );
    const withCopy = await firstAnswer(LIST, backend.startedAt);
    console.error(`[${size}] after a restart ${JSON.stringify(withCopy)}`);
    await stopBackendProcess(backend.child);
    backend = undefined;
    return {
      clusters: size,
      services: SERVICES,
      loadAvg: { start: loadAtStart, end: load1() },
      ...floor,
      ...collection,
      firstSnapshotAfterAnswerMs: firstSnapshotMs,
      ...refreshed,
      warm,
      firstAnswer: { withoutStoredCopy: withoutCopy, withStoredCopy: withCopy },
      exitAfterSigtermMs: exitMs,
    };
  } finally {
    if (backend) backend.child.kill('SIGKILL');
    baseline?.kill('SIGKILL');
    await fleet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (SERVICES !== 'production' && SERVICES !== 'sqlite')
    throw new Error(
      `BENCH_SERVICES=${SERVICES}: use production (the default) or sqlite`,
    );
  const env =
    SERVICES === 'production'
      ? startProductionServices(SERVICES_PLACE)
      : undefined;
  let redisDb = 0;
  let results;
  try {
    results = await eachSize(SIZES.length ? SIZES : [10, 1000], size =>
      benchSize(size, env && { env, redisDb: ++redisDb }),
    );
  } finally {
    if (env) {
      stopProductionServices(SERVICES_PLACE);
      fs.rmSync(SERVICES_PLACE.dir, { recursive: true, force: true });
    }
  }
  console.log(JSON.stringify(results, null, 2));
  console.log(footprintTable(results));
  writeResults(OUT, results);
  process.exit(0);
}

main();
