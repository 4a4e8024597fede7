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
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
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
import { bundle } from './server';

const OUT_DIR = resolve(__dirname, '../../../artifacts/screenshots');
const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Prometheus federation</title></head>
<body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`;

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
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/app.js')
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (answers[path])
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(answers[path]));
    else if (path.startsWith(api))
      res.writeHead(404, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'not found' },
          response: { statusCode: 404 },
        }),
      );
    else res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
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
