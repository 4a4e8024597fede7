/**
 * Benchmark: the status page with 200 clusters in real Chromium.
 *
 * Bundles bench/app.tsx (the real page and client) with esbuild, serves it and a stub
 * backend on 127.0.0.1, and measures, from navigation start, the time until every
 * cluster row is visible AND the page has answered a click (the state filter).
 * The same page with 0 clusters (empty state) is the baseline.
 *
 *   npx tsx plugins/prometheus-federation/bench/run.ts [--clusters 200] [--runs 5]
 *
 * Writes artifacts/bench/frontend.json and screenshots frontend-200{,-narrow}.png and
 * frontend-cluster-view.png in artifacts/bench/.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import {
  makeDetail,
  makeOverview,
  manyClusters,
} from '../src/__fixtures__/clusters';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CLUSTERS = option('clusters', 200);
const RUNS = option('runs', 5);
const TARGET_MS = 1000;
const REPO = resolve(__dirname, '../../..');
const OUT_DIR = resolve(REPO, 'artifacts/bench');
const CHROMIUM = '/usr/bin/chromium';

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(__dirname, 'app.tsx')],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prometheus federation</title></head>
<body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`;

/** Serves the bundle, and the overview for ?clusters=N as the backend would. */
function serve(js: string): Promise<Server> {
  const overviews = new Map<number, string>();
  const overviewFor = (n: number) => {
    if (!overviews.has(n))
      overviews.set(n, JSON.stringify(makeOverview(manyClusters(n))));
    return overviews.get(n)!;
  };
  let clusters = CLUSTERS;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (url.pathname === '/api/prometheus-federation/clusters') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(overviewFor(clusters));
    } else if (
      url.pathname.startsWith('/api/prometheus-federation/clusters/')
    ) {
      const name = decodeURIComponent(url.pathname.split('/').pop()!);
      const cluster = manyClusters(CLUSTERS).find(c => c.name === name);
      if (cluster) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(makeDetail(cluster)));
      } else {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(
            JSON.stringify({
              error: {
                name: 'NotFoundError',
                message: `No cluster named ${name}`,
              },
              response: { statusCode: 404 },
            }),
          );
      }
    } else if (url.pathname.startsWith('/prometheus-federation')) {
      clusters = Number(url.searchParams.get('clusters') ?? CLUSTERS);
      res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const started = Date.now();
  const js = await bundle();
  const server = await serve(js);
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(OUT_DIR, { recursive: true });

  const rowsVisible: number[] = [];
  /** ms from navigation start until the page is usable. */
  async function measure(
    clusters: number,
    screenshot?: string,
    width = 1600,
  ): Promise<number> {
    const context = await browser.newContext({
      viewport: { width, height: 1000 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(
      `http://127.0.0.1:${port}/prometheus-federation?clusters=${clusters}`,
    );
    if (clusters === 0) {
      await page
        .getByTestId('federation-empty-state')
        .waitFor({ timeout: 30_000 });
    } else {
      const last = `leaf-${String(clusters - 1).padStart(3, '0')}`;
      await page
        .getByTestId(`cluster-row-${last}`)
        .waitFor({ timeout: 30_000 });
      rowsVisible.push(await page.evaluate(() => performance.now()));
      // Interactive: the state filter answers, and the healthy rows leave the table.
      await page.getByTestId('filter-down').click();
      await page
        .getByTestId('cluster-row-leaf-000')
        .waitFor({ state: 'detached' });
      const downRows = await page
        .locator('[data-testid^="cluster-row-"]')
        .count();
      if (downRows !== Math.floor((clusters + 1) / 5)) {
        throw new Error(`filter showed ${downRows} rows`);
      }
    }
    const ms = await page.evaluate(() => performance.now());
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    if (screenshot) {
      if (clusters > 0) {
        await page.getByTestId('filter-all').click();
        await page.getByTestId('cluster-row-leaf-000').waitFor();
      }
      await page.screenshot({ path: screenshot, fullPage: false });
    }
    await context.close();
    return ms;
  }

  /** The cluster view of a down cluster, reached by its row's link. */
  async function screenshotClusterView(path: string) {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1400 },
    });
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on(
      'console',
      m => m.type() === 'error' && errors.push(m.text().slice(0, 300)),
    );
    await page.goto(
      `http://127.0.0.1:${port}/prometheus-federation?clusters=${CLUSTERS}`,
    );
    await page.getByTestId('cluster-link-leaf-004').click();
    await page
      .getByTestId('triage-checklist')
      .waitFor({ timeout: 10_000 })
      .catch(() => {
        throw new Error(
          `cluster view did not render at ${page.url()}: ${errors.join('; ')}`,
        );
      });
    await page.screenshot({ path, fullPage: true });
    await page.close();
  }

  // One warm-up each, so that the disk cache and V8 code cache are in a steady state.
  await measure(CLUSTERS);
  await measure(0);
  const withClusters: number[] = [];
  rowsVisible.length = 0;
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    withClusters.push(await measure(CLUSTERS));
    baseline.push(await measure(0));
  }
  await measure(CLUSTERS, resolve(OUT_DIR, `frontend-${CLUSTERS}.png`));
  await measure(
    CLUSTERS,
    resolve(OUT_DIR, `frontend-${CLUSTERS}-narrow.png`),
    390,
  );
  await screenshotClusterView(resolve(OUT_DIR, 'frontend-cluster-view.png'));
  await browser.close();
  server.close();

  const result = {
    benchmark: 'prometheus-federation status page',
    what: 'ms from navigation start until every cluster row is visible and the state filter has answered a click',
    browser: `${CHROMIUM} (headless, playwright-core)`,
    clusters: CLUSTERS,
    runs: RUNS,
    bundleBytes: Buffer.byteLength(js),
    medianMs: Math.round(median(withClusters)),
    baselineMedianMs: Math.round(median(baseline)),
    ratio: Number((median(withClusters) / median(baseline)).toFixed(2)),
    rowsVisibleMedianMs: Math.round(median(rowsVisible.slice(0, RUNS))),
    samplesMs: withClusters.map(Math.round),
    baselineSamplesMs: baseline.map(Math.round),
    targetMs: TARGET_MS,
    meetsTarget: median(withClusters) < TARGET_MS,
    measuredAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(
    resolve(OUT_DIR, 'frontend.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
