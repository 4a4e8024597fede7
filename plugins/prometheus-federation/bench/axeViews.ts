/**
 * axe-core (WCAG 2 A/AA) on the status page and the cluster view of the bench app (the real page
 * and client, Backstage's light theme) against a stub backend serving the fixtures, on an
 * ephemeral port: a quick check beside e2e-tests/accessibility.test.ts, which runs in the portal.
 *
 *   npx tsx plugins/prometheus-federation/bench/axeViews.ts
 *
 * Prints each view's violations; exits 1 when there are any.
 */
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
// The browser tests' own check, so that this bench holds the views to the same rules.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { wcagViolations } from '../../../e2e-tests/axe';
import { bundle, launchChromium, serveAnswers } from './server';

async function main() {
  const js = await bundle();
  const api = '/api/prometheus-federation';
  const green = downCluster('green');
  const clusters = [healthyCluster('blue'), degradedCluster('purple'), green];
  const { base, server } = await serveAnswers(js, {
    [`${api}/clusters`]: makeOverview(clusters),
    [`${api}/onboarding`]: {
      stuckAfterMinutes: 30,
      clusters: [stuckOnExposure('teal'), onboardingCluster('plum', 'dns')],
    },
    [`${api}/clusters/green`]: makeDetail(green),
  });
  const browser = await launchChromium();
  let found = 0;
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    const check = async (view: string) => {
      const violations = await wcagViolations(page);
      found += violations.length;
      process.stdout.write(
        `${view}: ${violations.length} violations\n${violations.join('\n')}\n`,
      );
    };
    await page.goto(`${base}/`);
    await page.getByTestId('fleet-totals').waitFor();
    await page.getByTestId('onboarding-section').waitFor();
    // The details rows too: what a click shows must read as well.
    for (const c of clusters)
      await page.getByTestId(`expand-${c.name}`).click();
    await check('status page');
    await page.getByTestId('cluster-link-green').click();
    await page.getByTestId('cluster-view').waitFor();
    await check('cluster view');
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(found ? 1 : 0);
}

main();
