/**
 * Where the real backend process' memory goes over refreshes, at fleet sizes, in one run (not run
 * in CI):
 *
 *   cd plugins/prometheus-federation-backend
 *   flock /tmp/promfed-ports.lock npx tsx bench/memory.bench.ts [10 1000]
 *
 * For each size, one lab fleet, then for each variant a fresh backend process (the footprint
 * benchmark's, bench/memoryBackend.ts) and database: its first snapshot, then BENCH_REFRESHES
 * refreshes (POST /refresh, one after the other) with the memory broken down after each
 * (bench/memoryProbe.ts), and once more after a full GC. Variants:
 * - this tree, and BENCH_BASELINE=<folder> (another version's `src` and this `bench` copied into a
 *   folder of this package, so that both resolve the same node_modules): before and after, side
 *   by side on the same machine and fleet;
 * - each with glibc's malloc as it comes, and with MALLOC_ARENA_MAX=2 (BENCH_ARENAS=0 leaves it out).
 * Prints JSON and a table; writes artifacts/bench/memory.json (BENCH_OUT).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { BENCH_TOKEN } from './benchBackend';
import { startBenchFleet } from './benchFleet';
import { round, writeResults } from './fleetMeasures';
import {
  ask,
  stopBackendProcess,
  untilSnapshot,
  firstAnswer,
} from './footprintProcess';
import type { memoryDetail } from './memoryProbe';

type Detail = ReturnType<typeof memoryDetail>;

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 6);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 26000);
const BACKEND_PORT = BASE_PORT + 10;
const BASELINE = process.env.BENCH_BASELINE;
const ARENAS = process.env.BENCH_ARENAS !== '0';
process.env.LOG_LEVEL ??= 'warn';
const OUT =
  process.env.BENCH_OUT ??
  path.resolve(__dirname, '../../../artifacts/bench/memory.json');
const LIST = `http://127.0.0.1:${BACKEND_PORT}/api/prometheus-federation/clusters`;
const REFRESH = `http://127.0.0.1:${BACKEND_PORT}/api/prometheus-federation/refresh`;

function post(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { Authorization: `Bearer ${BENCH_TOKEN}` } },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

interface Variant {
  name: string;
  benchDir: string;
  env: Record<string, string>;
}

function variants(): Variant[] {
  const trees = [
    ...(BASELINE
      ? [{ tree: 'baseline', benchDir: path.join(BASELINE, 'bench') }]
      : []),
    { tree: 'this tree', benchDir: __dirname },
  ];
  const mallocs: { malloc: string; env: Record<string, string> }[] = [
    { malloc: '', env: {} },
    ...(ARENAS
      ? [{ malloc: ', MALLOC_ARENA_MAX=2', env: { MALLOC_ARENA_MAX: '2' } }]
      : []),
  ];
  return trees.flatMap(t =>
    mallocs.map(m => ({
      name: `${t.tree}${m.malloc}`,
      benchDir: t.benchDir,
      env: m.env,
    })),
  );
}

async function measureVariant(
  dir: string,
  federationFile: string,
  variant: Variant,
) {
  const runDir = fs.mkdtempSync(path.join(dir, 'run-'));
  const child = fork(
    path.join(variant.benchDir, 'memoryBackend.ts'),
    [runDir, String(BACKEND_PORT), federationFile],
    {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      env: { ...process.env, ...variant.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  try {
    await firstAnswer(LIST, performance.now());
    await untilSnapshot(LIST, 180_000);
    const detail = (gc = false) =>
      ask<Detail>(child, { type: 'memoryDetail', gc } as never);
    const afterRefresh: Detail[] = [await detail()];
    const refreshMs: number[] = [];
    for (let i = 0; i < REFRESHES; i++) {
      const start = performance.now();
      const status = await post(REFRESH);
      if (status !== 200) throw new Error(`POST /refresh answered ${status}`);
      refreshMs.push(round(performance.now() - start));
      afterRefresh.push(await detail());
      console.error(
        `[${variant.name}] refresh ${i + 1}: ${JSON.stringify(
          afterRefresh.at(-1),
        )}`,
      );
    }
    const afterGc = await detail(true);
    return { variant: variant.name, refreshMs, afterRefresh, afterGc };
  } finally {
    await stopBackendProcess(child);
  }
}

function table(
  results: {
    clusters: number;
    runs: Awaited<ReturnType<typeof measureVariant>>[];
  }[],
) {
  const rows = [
    '| clusters | variant | RSS after first snapshot → each refresh (MB) | last refresh: heap committed / used, array buffers, outside the heap, sockets | after a full GC: RSS, heap used |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const size of results)
    for (const run of size.runs) {
      const last = run.afterRefresh.at(-1)!;
      rows.push(
        `| ${size.clusters} | ${run.variant} | ${run.afterRefresh
          .map(d => Math.round(d.rssMb))
          .join(' → ')} | ${last.heapTotalMb} / ${last.heapUsedMb}, ${
          last.arrayBuffersMb
        }, ${last.outsideHeapMb} MB, ${last.sockets} | ${run.afterGc.rssMb}, ${
          run.afterGc.heapUsedMb
        } MB |`,
      );
    }
  return rows.join('\n');
}

async function main() {
  const results = [];
  for (const size of SIZES.length ? SIZES : [10, 1000]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-memory-${size}-`));
    console.error(`[${size}] starting the fleet in ${dir}`);
    const { fleet, federation } = await startBenchFleet(dir, size, BASE_PORT);
    try {
      const federationFile = path.join(dir, 'federation.json');
      fs.writeFileSync(
        federationFile,
        JSON.stringify({
          ...federation,
          refresh: { minAgeSeconds: 0, perUserPerMinute: 0 },
        }),
      );
      const runs = [];
      for (const variant of variants())
        runs.push(await measureVariant(dir, federationFile, variant));
      results.push({ clusters: size, runs });
    } finally {
      await fleet.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(JSON.stringify(results, null, 2));
  console.log(table(results));
  writeResults(OUT, results);
  process.exit(0);
}

main();
