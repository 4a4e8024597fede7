/**
 * Benchmark: the status page with N clusters in real Chromium.
 *
 * Bundles bench/app.tsx (the real page and client, beside a 224 px sidebar stand-in) with
 * esbuild, serves it and a stub backend on 127.0.0.1, and measures, from navigation start, the
 * time until the first page of rows is visible AND the page has answered a click (the state
 * filter). The same page with 0 clusters (empty state) is the baseline, measured in the same run,
 * interleaved with each size.
 *
 *   npx tsx plugins/prometheus-federation/bench/run.ts [--clusters 50,200,1000] [--runs 5]
 *
 * Writes artifacts/bench/frontend.json and, for the largest size, screenshots at 1280x800
 * (frontend-N-1280.png, with a check that the table fits) and 390 px (frontend-N-narrow.png),
 * plus frontend-cluster-view.png, all in artifacts/bench/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Page } from 'playwright-core';
import { leafName, leafState } from './fleetOverview';
import { bundle, CHROMIUM, launchChromium, serve } from './server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = option('clusters', '200').split(',').map(Number);
const CLUSTERS = Math.max(...SIZES);
const RUNS = Number(option('runs', '5'));
/** The page's rows per page (FederationPage's default). */
const PAGE_SIZE = 25;
/** Issue 12's aim: time to usable at most 1.5x the empty page. */
const TARGET_RATIO = 1.5;
const REPO = resolve(__dirname, '../../..');
const OUT_DIR = resolve(REPO, 'artifacts/bench');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** fleetOverview(): leaf-004 is the first down cluster; 90% of the fleet is healthy. */
const leaf = leafName;
const healthyCount = (n: number) =>
  Array.from({ length: n }, (_, i) => leafState(i)).filter(s => s === 'healthy')
    .length;

async function main() {
  const started = Date.now();
  const js = await bundle();
  const server = await serve(js, CLUSTERS);
  const port = (server.address() as AddressInfo).port;
  const browser = await launchChromium();
  mkdirSync(OUT_DIR, { recursive: true });

  /** ms from navigation start until the page is usable, and until the rows were visible. */
  async function measure(
    clusters: number,
    options: { screenshot?: string; width?: number; height?: number } = {},
  ) {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(
      `http://127.0.0.1:${port}/prometheus-federation?clusters=${clusters}`,
    );
    let rowsMs = 0;
    let fit: Record<string, number | boolean> | undefined;
    if (clusters === 0) {
      await page
        .getByTestId('federation-empty-state')
        .waitFor({ timeout: 30_000 });
    } else {
      // Worst state first: the first down cluster (leaf-004) heads the first page.
      await page
        .getByTestId(`cluster-row-${leaf(clusters > 4 ? 4 : 0)}`)
        .waitFor({ timeout: 30_000 });
      await waitForRows(page, Math.min(PAGE_SIZE, clusters));
      rowsMs = await page.evaluate(() => performance.now());
      // Interactive: the state filter answers, and the healthy clusters take the page.
      await page.getByTestId('filter-healthy').click();
      await page.getByTestId(`cluster-row-${leaf(0)}`).waitFor();
      if (clusters > 4) {
        await page
          .getByTestId(`cluster-row-${leaf(4)}`)
          .waitFor({ state: 'detached' });
      }
      await waitForRows(page, Math.min(PAGE_SIZE, healthyCount(clusters)));
      fit = await page.evaluate(() => {
        const table = document.querySelector('[data-testid="cluster-table"]')!;
        const container = table.parentElement!;
        const right = table.getBoundingClientRect().right;
        return {
          tableWidth: Math.round(table.scrollWidth),
          availableWidth: container.clientWidth,
          tableRight: Math.round(right),
          viewportWidth: window.innerWidth,
          fits:
            table.scrollWidth <= container.clientWidth &&
            right <= window.innerWidth,
        };
      });
    }
    const ms = await page.evaluate(() => performance.now());
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    if (options.screenshot) {
      if (clusters > 0) {
        await page.getByTestId('filter-all').click();
        await page.getByTestId(`cluster-row-${leaf(4)}`).waitFor();
      }
      await page.screenshot({ path: options.screenshot, fullPage: false });
    }
    // When the overview had arrived: what is left is the page's own work.
    const fetchedMs = await page.evaluate(
      () =>
        (
          performance
            .getEntriesByType('resource')
            .find(e =>
              e.name.includes('/prometheus-federation/clusters'),
            ) as PerformanceResourceTiming
        )?.responseEnd ?? 0,
    );
    await context.close();
    return { ms, rowsMs, fetchedMs, fit };
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
    await page.getByTestId(`cluster-link-${leaf(4)}`).click();
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

  // One warm-up, so that the disk cache and V8 code cache are in a steady state.
  await measure(CLUSTERS);
  await measure(0);
  const results = [];
  for (const size of SIZES) {
    const withClusters: number[] = [];
    const rowsVisible: number[] = [];
    const fetched: number[] = [];
    const baselineFetched: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await measure(size);
      withClusters.push(run.ms);
      rowsVisible.push(run.rowsMs);
      fetched.push(run.fetchedMs);
      const empty = await measure(0);
      baseline.push(empty.ms);
      baselineFetched.push(empty.fetchedMs);
    }
    const ratio = median(withClusters) / median(baseline);
    results.push({
      clusters: size,
      medianMs: Math.round(median(withClusters)),
      baselineMedianMs: Math.round(median(baseline)),
      ratio: Number(ratio.toFixed(2)),
      meetsTarget: ratio <= TARGET_RATIO,
      rowsVisibleMedianMs: Math.round(median(rowsVisible)),
      overviewArrivedMedianMs: Math.round(median(fetched)),
      baselineOverviewArrivedMedianMs: Math.round(median(baselineFetched)),
      samplesMs: withClusters.map(Math.round),
      baselineSamplesMs: baseline.map(Math.round),
    });
  }
  const at1280 = await measure(CLUSTERS, {
    screenshot: resolve(OUT_DIR, `frontend-${CLUSTERS}-1280.png`),
  });
  await measure(CLUSTERS, {
    screenshot: resolve(OUT_DIR, `frontend-${CLUSTERS}-narrow.png`),
    width: 390,
  });
  await screenshotClusterView(resolve(OUT_DIR, 'frontend-cluster-view.png'));
  await browser.close();
  server.close();

  const result = {
    benchmark: 'prometheus-federation status page',
    what: 'ms from navigation start until the first page of rows is visible and the state filter has answered a click, vs the empty page',
    browser: `${CHROMIUM} (headless, playwright-core), 1280x800, 224 px sidebar stand-in`,
    runs: RUNS,
    pageSize: PAGE_SIZE,
    bundleBytes: Buffer.byteLength(js),
    targetRatio: TARGET_RATIO,
    results,
    fitsAt1280: { clusters: CLUSTERS, ...at1280.fit },
    measuredAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(
    resolve(OUT_DIR, 'frontend.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** Waits, polling in the page on every frame, until exactly `count` rows are shown. */
async function waitForRows(page: Page, count: number) {
  await page.waitForFunction(
    n =>
      document.querySelectorAll('[data-testid^="cluster-row-"]').length === n,
    count,
    { timeout: 30_000 },
  );
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
