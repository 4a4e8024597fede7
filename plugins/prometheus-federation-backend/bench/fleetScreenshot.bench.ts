/**
 * The status page at fleet scale, from the lab fleet through the real backend (not run in CI).
 *
 *   cd plugins/prometheus-federation-backend
 *   flock /tmp/promfed-ports.lock npx tsx bench/fleetScreenshot.bench.ts [1000]
 *
 * Starts the lab fleet (real ops Prometheus, 10% of the clusters faulted, `ops-source-moved`
 * among the faults), the real backend on it, and the status page in Chromium with every API read
 * going to that backend (the frontend's bench/fleetPageScreenshot.ts). Writes
 * artifacts/bench/fleet-lab-<N>-1280.png (and -full.png) and artifacts/bench/fleet-lab-<N>.json:
 * the shared causes as the backend answered them and as the page shows them, and whether the
 * clusters the fleet faulted from the ops side are one shared cause headlined as the ops side's.
 * Exits non-zero when that or the order (shared causes above the table, the ops side's first,
 * then the largest) does not hold.
 */
import {
  FederationOverview,
  SharedCause,
} from '@promfed/plugin-prometheus-federation-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_TOKEN, startBenchBackend } from './benchBackend';
import { startBenchFleet } from './benchFleet';

const SIZE = Number(process.argv[2] ?? 1000);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 26000);
const BACKEND_PORT = BASE_PORT + 10;
const OUT_DIR = path.resolve(__dirname, '../../../artifacts/bench');
const PAGE_SCRIPT = path.resolve(
  __dirname,
  '../../prometheus-federation/bench/fleetPageScreenshot.ts',
);
process.env.LOG_LEVEL ??= 'warn';

/** The page in Chromium against the backend, in a child process (the frontend's bench). */
function screenshot(backend: string, out: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [...process.execArgv, PAGE_SCRIPT, backend, out],
      {
        env: { ...process.env, BACKEND_TOKEN: BENCH_TOKEN },
        timeout: 5 * 60_000,
        maxBuffer: 4 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`page: ${stderr || error}`))
          : resolve(JSON.parse(stdout)),
    ),
  );
}

/** What must hold of the backend's shared causes for the fleet's faults. */
function judge(causes: SharedCause[], faults: Record<string, string>) {
  const moved = Object.keys(faults)
    .filter(c => faults[c] === 'ops-source-moved')
    .sort();
  const covering = causes.find(c =>
    moved.every(name => c.clusters.includes(name)),
  );
  // The ops side's first, then the largest: a key that only grows along the list.
  const keys = causes.map(
    c => (c.side === 'ops' ? 0 : 1e6) - c.clusters.length,
  );
  return {
    opsSourceMoved: moved.length,
    opsSourceMovedCause: covering && {
      check: covering.check,
      side: covering.side,
      summary: covering.summary,
      reason: covering.reason,
      clusters: covering.clusters.length,
    },
    opsSourceMovedHeadlinedAsOps:
      covering?.side === 'ops' && covering.clusters.length === moved.length,
    opsFirstThenLargest: keys.every((k, i) => i === 0 || keys[i - 1] <= k),
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-fleet-shot-`));
  console.error(`[${SIZE}] starting the fleet in ${dir}`);
  const { fleet, federation } = await startBenchFleet(dir, SIZE, BASE_PORT);
  let backend: Awaited<ReturnType<typeof startBenchBackend>> | undefined;
  try {
    console.error(`[${SIZE}] fleet ready in ${fleet.startMs} ms`);
    backend = await startBenchBackend({ dir, port: BACKEND_PORT, federation });
    const url = `http://127.0.0.1:${BACKEND_PORT}`;
    // The first read waits for the backend's own first collection.
    const answer = await fetch(`${url}/api/prometheus-federation/clusters`, {
      headers: { authorization: `Bearer ${BENCH_TOKEN}` },
    });
    if (answer.status !== 200)
      throw new Error(`GET /clusters answered ${answer.status}`);
    const overview = (await answer.json()) as FederationOverview;
    const causes = overview.sharedCauses ?? [];
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const png = path.join(OUT_DIR, `fleet-lab-${SIZE}-1280.png`);
    const page = (await screenshot(url, png)) as {
      sharedCauses: Array<{ id: string; title: string }>;
      sharedCausesAboveRows: boolean;
    };
    const verdict = judge(causes, fleet.faults);
    const result = {
      measuredAt: new Date().toISOString(),
      clusters: overview.clusters.length,
      faulted: Object.keys(fleet.faults).length,
      counts: overview.counts,
      backendSharedCauses: causes.map(c => ({
        check: c.check,
        cause: c.cause,
        side: c.side,
        clusters: c.clusters.length,
        summary: c.summary,
      })),
      page,
      ...verdict,
      screenshot: png,
    };
    fs.writeFileSync(
      path.join(OUT_DIR, `fleet-lab-${SIZE}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(JSON.stringify(result, null, 2));
    const holds =
      verdict.opsSourceMovedHeadlinedAsOps &&
      verdict.opsFirstThenLargest &&
      page.sharedCausesAboveRows &&
      page.sharedCauses.length === causes.length;
    process.exitCode = holds ? 0 : 1;
  } finally {
    await backend?.stop().catch(() => undefined);
    await fleet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(),
  error => {
    console.error(error);
    process.exit(1);
  },
);
