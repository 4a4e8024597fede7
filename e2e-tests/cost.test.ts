import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

// The lab federates every series of its leaves (match-all), and its loopback Grafana's
// dashboards use a few of the many metric families the leaf apps export.
test.setTimeout(240_000);

test('the cluster view shows what blue federates, the charts and the narrowing proposal', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/prometheus-federation/clusters/blue');

  const panel = page.getByTestId('volume-panel');
  await expect(panel).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('volume-series')).toContainText(/\d/);
  await expect(page.getByTestId('volume-samples')).toContainText(/\d/);
  await expect(page.getByTestId('volume-duration')).toContainText(/s \/ /);
  // Both charts are drawn from ops Prometheus' range data; a lab started seconds ago has too
  // little of it, and the panel says so until a reload finds enough.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('chart-duration')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await expect(page.getByTestId('chart-series')).toBeVisible();

  // The proposal keeps what the dashboards and rules use, and saves the rest.
  const selectors = page.getByTestId('proposed-selectors');
  await expect(selectors).toContainText('http_requests_total');
  await expect(selectors).toContainText('up');
  await expect(page.getByTestId('savings-series')).toContainText('%');
  await expect(page.getByTestId('narrow-template-link')).toHaveAttribute(
    'href',
    /narrow-cluster-federation/,
  );

  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: 'artifacts/screenshots/cluster-view-volume-blue.png',
  });
  await panel.screenshot({
    path: 'artifacts/screenshots/cluster-view-volume-panel-blue.png',
  });
});
