/**
 * Screenshots of the onboarding tracker in real Chromium: the status page's onboarding section
 * and a cluster's timeline stuck on its exposure. The real page and client (bench/app.tsx)
 * against a stub backend serving the fixtures.
 *
 *   npx tsx plugins/prometheus-federation/bench/onboardingScreenshots.ts
 *
 * Writes artifacts/screenshots/onboarding-section.png and onboarding-timeline.png.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  degradedCluster,
  downCluster,
  healthyCluster,
} from '../src/__fixtures__/clusters';
import {
  onboardingCluster,
  stuckOnExposure,
} from '../src/__fixtures__/onboarding';
import { makeDetail, makeOverview } from '../src/__fixtures__/overviews';
import { bundle, launchChromium, serveAnswers } from './server';

const OUT_DIR = resolve(__dirname, '../../../artifacts/screenshots');

const clusters = [
  healthyCluster('blue'),
  degradedCluster('purple'),
  downCluster('green'),
  downCluster('teal'),
  downCluster('plum'),
];
const onboarding = {
  stuckAfterMinutes: 30,
  clusters: [
    stuckOnExposure('teal'),
    {
      ...onboardingCluster('plum', undefined),
      phase: 'retiring',
      steps: [],
      federated: true,
    },
  ],
};

async function main() {
  const js = await bundle();
  const api = '/api/prometheus-federation';
  const answers: Record<string, unknown> = {
    [`${api}/clusters`]: makeOverview(clusters),
    [`${api}/onboarding`]: onboarding,
    [`${api}/clusters/teal`]: makeDetail(clusters[3]),
    [`${api}/clusters/teal/onboarding`]: onboarding.clusters[0],
  };
  const { base, server } = await serveAnswers(js, answers);
  const browser = await launchChromium();
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    await page.goto(`${base}/`);
    await page.getByTestId('onboarding-section').waitFor();
    await page.screenshot({
      path: resolve(OUT_DIR, 'onboarding-section.png'),
    });
    // The app's router lives in memory: the cluster view opens from the section's link.
    await page
      .getByTestId('onboarding-row-teal')
      .getByRole('link', { name: 'teal' })
      .click();
    await page.getByTestId('onboarding-timeline').waitFor();
    await page
      .getByTestId('onboarding-timeline')
      .screenshot({ path: resolve(OUT_DIR, 'onboarding-timeline.png') });
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
