/**
 * The status page in Chromium against a given list answer (the real backend's, captured by the
 * fleet benchmark), against the empty page in the same run
 *
 *   npx tsx plugins/prometheus-federation/bench/pageUsable.ts <overview.json> [runs]
 *
 * Usable: the first page of rows is visible and the state filter has answered a click (only
 * healthy clusters shown). Prints one JSON object on stdout.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { bundle, launchChromium, serveAnswers } from './server';

/** The page's rows per page (FederationPage's default). */
const PAGE_SIZE = 25;
const LIST_PATH = '/api/prometheus-federation/clusters';
const ROWS = '[data-testid^="cluster-row-"]';

interface Overview {
  clusters: Array<{ name: string; state: string }>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** ms from navigation start until usable (or, for no clusters, until the empty state shows). */
async function timeToUsable(browser: Browser, base: string, list: Overview) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(`${base}/prometheus-federation`);
  let rowsMs = 0;
  if (!list.clusters.length) {
    await page
      .getByTestId('federation-empty-state')
      .waitFor({ timeout: 60_000 });
  } else {
    const rows = Math.min(PAGE_SIZE, list.clusters.length);
    await page.waitForFunction(
      ([sel, n]) => document.querySelectorAll(sel as string).length === n,
      [ROWS, rows] as const,
      { timeout: 60_000 },
    );
    rowsMs = await page.evaluate(() => performance.now());
    // The filter answers: only healthy clusters, as many as fit on a page.
    const healthy = list.clusters
      .filter(c => c.state === 'healthy')
      .map(c => `cluster-row-${c.name}`);
    await page.getByTestId('filter-healthy').click();
    await page.waitForFunction(
      ([sel, names, n]) => {
        const shown = [...document.querySelectorAll(sel as string)].map(r =>
          r.getAttribute('data-testid'),
        );
        const allowed = new Set(names as string[]);
        return shown.length === n && shown.every(id => allowed.has(id ?? ''));
      },
      [ROWS, healthy, Math.min(PAGE_SIZE, healthy.length)] as const,
      { timeout: 60_000 },
    );
  }
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { ms, rowsMs };
}

async function main() {
  const [file, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg ?? 5);
  const body = JSON.parse(readFileSync(file, 'utf8'));
  // The fleet benchmark deletes its list afterwards: PAGE_LIST_KEEP=<path> keeps a copy to rerun.
  if (process.env.PAGE_LIST_KEEP)
    copyFileSync(file, process.env.PAGE_LIST_KEEP);
  const empty = {
    ...body,
    clusters: [],
    counts: Object.fromEntries(Object.keys(body.counts ?? {}).map(k => [k, 0])),
    warnings: [],
  };
  const js = await bundle();
  const full = await serveAnswers(js, { [LIST_PATH]: body });
  const none = await serveAnswers(js, { [LIST_PATH]: empty });
  const browser = await launchChromium();
  try {
    // One warm-up each: disk cache and V8 code cache in a steady state.
    await timeToUsable(browser, full.base, body);
    await timeToUsable(browser, none.base, empty);
    const withClusters: number[] = [];
    const rowsVisible: number[] = [];
    const baseline: number[] = [];
    // Interleaved, so that load on the machine falls on both alike.
    for (let i = 0; i < runs; i++) {
      const run = await timeToUsable(browser, full.base, body);
      withClusters.push(run.ms);
      rowsVisible.push(run.rowsMs);
      baseline.push((await timeToUsable(browser, none.base, empty)).ms);
    }
    const usable = median(withClusters);
    const emptyMs = median(baseline);
    process.stdout.write(
      `${JSON.stringify({
        clusters: body.clusters.length,
        // What the list carries besides the rows: set-up warnings (one per cluster with a
        // match-all federate selector) are rendered on the page too.
        warnings: body.warnings?.length ?? 0,
        warningsBytes: JSON.stringify(body.warnings ?? []).length,
        runs,
        usableMedianMs: Math.round(usable),
        rowsVisibleMedianMs: Math.round(median(rowsVisible)),
        emptyMedianMs: Math.round(emptyMs),
        ratio: Number((usable / emptyMs).toFixed(2)),
        samplesMs: withClusters.map(Math.round),
        emptySamplesMs: baseline.map(Math.round),
      })}\n`,
    );
  } finally {
    await browser.close();
    full.server.close();
    none.server.close();
  }
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
