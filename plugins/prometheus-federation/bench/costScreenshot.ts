/**
 * Screenshot of the cluster view's volume panel in real Chromium at 1280x800: figures, forecast,
 * the SVG charts and the proposal. The real page and client (bench/app.tsx) against a stub
 * backend serving the fixtures; reached as a user does, from the match-all warning's link on the
 * status page.
 *
 *   npx tsx plugins/prometheus-federation/bench/costScreenshot.ts
 *
 * Writes artifacts/screenshots/cluster-view-volume.png (the viewport at the panel) and
 * cluster-view-volume-full.png (the whole panel).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SetupWarning } from '@promfed/plugin-prometheus-federation-common';
import {
  NOW,
  degradedCluster,
  downCluster,
  healthyCluster,
} from '../src/__fixtures__/clusters';
import { blueCost } from '../src/__fixtures__/cost';
import { makeDetail, makeOverview } from '../src/__fixtures__/overviews';
import { bundle, launchChromium, serveAnswers } from './server';

const OUT_DIR = resolve(__dirname, '../../../artifacts/screenshots');

const matchAll: SetupWarning = {
  id: 'match-all-federate-selector',
  cluster: 'blue',
  message:
    'federate-blue federates every series (match[] {__name__=~".+"}): 54,880 series, 23 MB per scrape.',
  remediation: 'Federate only what rules and dashboards use.',
  costPath: '/clusters/blue/cost',
};

/** The fixture's times moved to the real clock, so that the forecast reads from today. */
function costNow() {
  const shift = Math.floor((Date.now() - NOW.getTime()) / 1000);
  const cost = blueCost();
  cost.history = cost.history!.map(p => ({ ...p, at: p.at + shift }));
  cost.volume!.timeoutReachedAt! += shift;
  return cost;
}

async function main() {
  const js = await bundle();
  const api = '/api/prometheus-federation';
  const blue = { ...healthyCluster('blue'), warnings: [matchAll] };
  const clusters = [blue, degradedCluster('purple'), downCluster('green')];
  const answers: Record<string, unknown> = {
    [`${api}/clusters`]: makeOverview(clusters, { warnings: [matchAll] }),
    [`${api}/onboarding`]: { stuckAfterMinutes: 30, clusters: [] },
    [`${api}/clusters/blue`]: makeDetail(blue),
    [`${api}/clusters/blue/cost`]: costNow(),
  };
  const { base, server } = await serveAnswers(js, answers);
  const browser = await launchChromium();
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.getByTestId('fleet-totals').waitFor();
    // The status page's match-all warning leads to the panel (the router lives in memory).
    await page.getByTestId('warning-cost-link').click();
    await page.getByTestId('chart-duration').waitFor();
    await page.getByTestId('narrowing-proposal').waitFor();
    await page.evaluate(() =>
      document.getElementById('federation-volume')!.scrollIntoView(),
    );
    await page.screenshot({
      path: resolve(OUT_DIR, 'cluster-view-volume.png'),
    });
    await page
      .getByTestId('volume-panel')
      .screenshot({ path: resolve(OUT_DIR, 'cluster-view-volume-full.png') });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
