/**
 * Benchmark of the backend against a loopback fleet (not run in CI).
 *
 *   cd plugins/prometheus-federation-backend
 *   NODE_OPTIONS=--expose-gc npx tsx bench/fleet.bench.ts [50 200 1000]
 *
 * For each size, in a process of its own: starts a fleet (the lab's fleet mode: real ops Prometheus, one process for every
 * leaf, 10% of clusters faulted), then, in this process, collects cold and nine more times (RSS
 * after 1 and after 10), measures the floor (one bare targets call plus the slowest single
 * cluster's sources) and counts upstream requests; then starts the real backend (backend-defaults,
 * the plugin) and measures the list route: payload raw and gzip, warm p50/p99 under 50 concurrent
 * readers (autocannon, its own process), and the share of polls answered 304 when the route sends
 * an ETag; then the status page in Chromium against that list (the frontend's
 * bench/pageUsable.ts: time to usable against the empty page, BENCH_PAGE_RUNS runs). Prints a
 * table (console and Markdown) and writes artifacts/bench/fleet.json (or BENCH_OUT), with the
 * machine's load average per size. About 4 minutes at 1000 clusters (ten refreshes, two 10 s
 * loads, the page).
 *
 * Clusters from the catalog instead of app-config, collection only, beside a config run of
 * the same size:
 *
 *   BENCH_ROUTE=0 npx tsx bench/fleet.bench.ts 1000
 *   BENCH_ROUTE=0 BENCH_CLUSTER_SOURCE=catalog npx tsx bench/fleet.bench.ts 1000
 */
import { ConfigReader } from '@backstage/config';
import { startFleet, writeFleetEntities } from '@promfed/federation-lab';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FactsCollector } from '../src/collectors/collectFacts';
import { RequestCounter } from '../src/collectors/requestCounter';
import { readFederationConfig } from '../src/config/readFederationConfig';
import { BENCH_TOKEN, startBenchBackend } from './benchBackend';
import { startBenchFleet } from './benchFleet';
import { triageFederation } from '../src/triage/triageFederation';
import { FederationFacts } from '../src/collectors/types';
import { CatalogClusterSource } from '../src/discovery/CatalogClusterSource';
import { ClusterSource } from '../src/discovery/types';
import {
  autocannon,
  measureFloor,
  measurePage,
  measurePayload,
  memoryMb,
  median,
  round,
  timed,
} from './fleetMeasures';
import { markdownTable, row } from './fleetTable';

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
/** config (app-config lists every cluster) or catalog (every cluster from catalog entities). */
const CLUSTER_SOURCE = process.env.BENCH_CLUSTER_SOURCE ?? 'config';
/** 0: the collection only (no list route, no page). */
const ROUTE = process.env.BENCH_ROUTE !== '0';
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 10);
const READERS = 50;
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
/** The machine's 1-minute load average (2 cores here, shared with other work). */
const load1 = () => round(os.loadavg()[0]);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? 26000);
const BACKEND_PORT = BASE_PORT + 10;
const TOKEN = BENCH_TOKEN;
// Backstage logs every request at info: fifty readers would measure the log, not the route.
process.env.LOG_LEVEL ??= 'warn';
const OUT =
  process.env.BENCH_OUT ??
  path.resolve(__dirname, '../../../artifacts/bench/fleet.json');

/**
 * In this process: cold collection, requests per refresh, RSS after 1 and after REFRESHES.
 * With a cluster source (the catalog), each refresh first reads the cluster list from it.
 */
async function collectInProcess(
  federation: object,
  size: number,
  source?: ClusterSource,
) {
  const options = readFederationConfig(
    new ConfigReader({ prometheusFederation: federation }),
  )!;
  const counter = new RequestCounter();
  const collector = new FactsCollector(options, counter);
  let clusters = options.clusters;
  const collect = async () => {
    if (source) clusters = (await source.clusters()).clusters;
    return collector.collect(clusters);
  };
  const triage = (facts: FederationFacts) =>
    triageFederation(facts, { ...options, clusters });
  const before = memoryMb();
  const [coldMs, facts] = await timed(collect);
  const coldTiming = collector.lastTiming;
  const [triageMs, first] = await timed(async () => triage(facts));
  const requests = counter.snapshot();
  const afterOne = memoryMb();
  let snapshot = first;
  const warm: number[] = [];
  for (let i = 1; i < REFRESHES; i++) {
    counter.reset();
    const [ms, next] = await timed(collect);
    warm.push(ms);
    snapshot = triage(next);
  }
  const afterTen = memoryMb();
  const states: Record<string, number> = {};
  for (const c of snapshot.clusters)
    states[c.state] = (states[c.state] ?? 0) + 1;
  const floor = await measureFloor(options);
  const ops = requests.opsPrometheus ?? 0;
  return {
    coldCollectMs: round(coldMs),
    triageMs: round(triageMs),
    warmCollectMedianMs: round(median(warm)),
    ...floor,
    coldVsFloor: round(coldMs / floor.floorMs),
    requestsFirstRefresh: requests,
    requestsLastRefresh: counter.snapshot(),
    opsPrometheusRequests: ops,
    awsRequests: requests['aws:eu-west-1'] ?? 0,
    catalogRequestsPerRefresh: counter.snapshot().catalog ?? 0,
    clustersCollected: clusters.length,
    kubernetesPerCluster: (requests.kubernetes ?? 0) / size,
    // After the first refresh: a detected exposure (HTTPRoute or not) costs no third request.
    kubernetesPerClusterWarm: (counter.snapshot().kubernetes ?? 0) / size,
    awsRequestsWarm: counter.snapshot()['aws:eu-west-1'] ?? 0,
    // Per upstream kind: its limit, reads, when it finished, its slowest read.
    coldTiming,
    lastTiming: collector.lastTiming,
    memoryBefore: before,
    memoryAfter1: afterOne,
    memoryAfterN: afterTen,
    refreshes: REFRESHES,
    rssGrowthPct: round(
      ((afterTen.rssMb - afterOne.rssMb) / afterOne.rssMb) * 100,
    ),
    states,
  };
}

/**
 * Every cluster from the catalog: the fleet writes its clusters as entities, an in-memory
 * catalog (the catalog client's own, with its filters and cursors) serves them, and the
 * backend's discovery reads them in pages at every refresh; app-config lists no cluster.
 */
async function collectFromCatalog(
  fleet: Awaited<ReturnType<typeof startFleet>>,
  federation: { clusters: unknown[] },
  size: number,
) {
  const { entities, token } = writeFleetEntities(fleet);
  const discovered = {
    ...federation,
    clusters: [],
    discovery: {
      allowedHosts: ['*.federation.test'],
      allowedApiServers: ['https://127.0.0.1:*/clusters/*'],
      allowedRegions: ['eu-west-1'],
      serviceAccountTokens: fleet.clusters.map(cluster => ({ cluster, token })),
    },
  };
  const options = readFederationConfig(
    new ConfigReader({ prometheusFederation: discovered }),
  )!;
  const counter = new RequestCounter();
  const source = new CatalogClusterSource({
    catalog: catalogServiceMock({ entities }),
    auth: { getOwnServiceCredentials: async () => ({}) } as any,
    options: { ...options, discovery: options.discovery! },
    logger: { warn: console.error } as any,
    counter,
  });
  const result = await collectInProcess(discovered, size, {
    clusters: () => {
      counter.reset();
      return source.clusters();
    },
  });
  return {
    ...result,
    catalogRequestsPerRefresh: counter.snapshot().catalog ?? 0,
  };
}

/** The real backend on loopback, then the list route under load. */
async function measureRoute(federation: object, dir: string) {
  const backend = await startBenchBackend({
    dir,
    port: BACKEND_PORT,
    federation,
  });
  try {
    const url = `http://127.0.0.1:${BACKEND_PORT}/api/prometheus-federation/clusters`;
    // The first read waits for the backend's own first collection.
    const [firstReadMs, payload] = await timed(() =>
      measurePayload(url, TOKEN),
    );
    if (payload.status !== 200)
      throw new Error(`GET /clusters answered ${payload.status}`);
    // The ETag of a second read a little later: polls get 304 only if it stays while the snapshot does.
    await new Promise(r => setTimeout(r, 1100));
    const again = await measurePayload(url, TOKEN);
    const headers = {
      Authorization: `Bearer ${TOKEN}`,
      'Accept-Encoding': 'gzip',
    };
    const load = { connections: READERS, seconds: LOAD_SECONDS };
    const warm = await autocannon(url, headers, load);
    // Polls that carry the last ETag, as the page's do: 304 when the snapshot has not changed.
    const polls = payload.etag
      ? await autocannon(
          url,
          { ...headers, 'If-None-Match': payload.etag },
          load,
        )
      : undefined;
    const share304 = polls
      ? round(
          ((polls.statuses['304'] ?? 0) / Math.max(1, polls.requests)) * 100,
        )
      : 0;
    return {
      // The list as the page gets it, for the page measurement once the fleet is stopped.
      listBody: payload.body,
      firstReadMs: round(firstReadMs),
      payloadRawBytes: payload.rawBytes,
      payloadGzipBytes: payload.gzipBytes,
      servedGzip: payload.servedGzip,
      etag: payload.etag ?? null,
      etagStable: !!payload.etag && payload.etag === again.etag,
      warm,
      polls: polls ?? null,
      share304Pct: share304,
    };
  } finally {
    await backend.stop().catch(() => undefined);
  }
}

async function benchSize(size: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pf-fleet-${size}-`));
  console.error(`[${size}] starting the fleet in ${dir}`);
  const loadAtStart = load1();
  const { fleet, federation } = await startBenchFleet(dir, size, BASE_PORT);
  try {
    console.error(`[${size}] fleet ready in ${fleet.startMs} ms`);
    const collection =
      CLUSTER_SOURCE === 'catalog'
        ? await collectFromCatalog(fleet, federation, size)
        : await collectInProcess(federation, size);
    console.error(`[${size}] collection ${JSON.stringify(collection)}`);
    if (!ROUTE)
      return {
        clusters: size,
        source: CLUSTER_SOURCE,
        loadAvg: { start: loadAtStart, end: load1() },
        ...collection,
      };
    const { listBody, ...route } = await measureRoute(federation, dir);
    console.error(`[${size}] route ${JSON.stringify(route)}`);
    // The page in Chromium against the real backend's list of this run (served as it was read).
    const page = await measurePage(listBody, PAGE_RUNS).catch(error => ({
      error: String(error).slice(0, 500),
    }));
    console.error(`[${size}] page ${JSON.stringify(page)}`);
    return {
      clusters: size,
      loadAvg: { start: loadAtStart, end: load1() },
      faulted: Object.keys(fleet.faults).length,
      fleetStartMs: fleet.startMs,
      fleetTimings: fleet.timings,
      ...collection,
      ...route,
      page,
    };
  } finally {
    await fleet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each size in a process of its own, so that memory and timers of one size's backend do not
 * count in the next one's figures.
 */
function runEach(sizes: number[]) {
  return sizes.map(size => {
    const out = path.join(
      os.tmpdir(),
      `pf-fleet-bench-${process.pid}-${size}.json`,
    );
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, __filename, String(size)],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, BENCH_CHILD_OUT: out },
        timeout: 20 * 60_000,
      },
    );
    try {
      return JSON.parse(fs.readFileSync(out, 'utf8'));
    } catch {
      return {
        clusters: size,
        error: `benchmark process ended with ${child.status ?? child.signal}`,
      };
    } finally {
      fs.rmSync(out, { force: true });
    }
  });
}

async function main() {
  const childOut = process.env.BENCH_CHILD_OUT;
  if (childOut) {
    const size = SIZES[0];
    let result: object;
    try {
      result = await benchSize(size);
    } catch (error) {
      console.error(`[${size}] failed: ${(error as Error).stack}`);
      result = { clusters: size, error: (error as Error).message };
    }
    fs.writeFileSync(childOut, JSON.stringify(result));
    process.exit(0);
  }
  const results: any[] = runEach(SIZES.length ? SIZES : [50, 200, 1000]);
  console.table(results.map(row));
  // Markdown, for bench/fleet.results.md.
  console.log(markdownTable(results));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(
    OUT,
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        node: process.version,
        cpus: os.cpus().length,
        gcExposed: typeof (global as any).gc === 'function',
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.error(`wrote ${OUT}`);
  process.exit(0);
}

main();
