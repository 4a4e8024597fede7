import { expect, test } from '@playwright/test';
import { lab } from './lab';
import { signInAsGuest } from './signIn';

// One collection of the backend (15 s in app-config.yaml) after one ops scrape (5 s in the lab),
// plus one poll of the page (15 s): what "within one refresh" allows.
const ONE_REFRESH_MS = 45_000;

test.describe.configure({ mode: 'serial' });

test('the status page shows blue and green healthy', async ({ page }) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Federation' }).click();
  await expect(
    page.getByRole('heading', { name: 'Federated clusters' }),
  ).toBeVisible();
  for (const cluster of ['blue', 'green']) {
    await expect(page.getByTestId(`cluster-row-${cluster}`)).toContainText(
      'Healthy',
    );
  }
  await page.screenshot({
    path: 'artifacts/screenshots/federation-page-healthy.png',
    fullPage: true,
  });
});

test('a leaf that goes down shows as down, headlined by its target (connection refused), within one refresh', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/prometheus-federation');
  await expect(page.getByTestId('cluster-row-green')).toContainText('Healthy');

  lab('fault', 'leaf-down', 'green');
  try {
    const green = page.getByTestId('cluster-row-green');
    await expect(green).toContainText('Down', { timeout: ONE_REFRESH_MS });
    // The headline is the authority (the ops Prometheus target), the portal's probe its evidence.
    await expect(green).toContainText(
      'federate-green is down: connection refused',
    );
    await expect(green).toContainText(/The portal's probe agrees: /);
    await expect(page.getByTestId('cluster-row-blue')).toContainText('Healthy');
    await page.screenshot({
      path: 'artifacts/screenshots/federation-page-green-down.png',
      fullPage: true,
    });

    await page.getByTestId('cluster-link-green').click();
    await expect(page.getByTestId('cluster-headline')).toContainText(
      'Ops Prometheus target: federate-green is down: connection refused',
    );
    await expect(page.getByTestId('headline-probe')).toContainText(
      /The portal's probe agrees: /,
    );
    await expect(page.getByTestId('check-target')).toContainText(
      /connection refused/i,
    );
    await page.screenshot({
      path: 'artifacts/screenshots/cluster-view-green-down.png',
      fullPage: true,
    });
  } finally {
    lab('revert', 'leaf-down', 'green');
  }
});

test('an expired certificate fails the certificate check with its expiry', async ({
  page,
}) => {
  await signInAsGuest(page);
  lab('fault', 'certificate-expired', 'blue');
  try {
    await page.goto('/prometheus-federation/clusters/blue');
    const certificate = page.getByTestId('check-certificate');
    await expect(certificate).toHaveAttribute('data-result', 'fail', {
      timeout: ONE_REFRESH_MS,
    });
    // The expiry itself, as cert-manager and the served certificate report it.
    await expect(certificate).toContainText(/expired on \d{4}-\d{2}-\d{2}T/);
    await page.screenshot({
      path: 'artifacts/screenshots/cluster-view-blue-certificate-expired.png',
      fullPage: true,
    });
  } finally {
    lab('revert', 'certificate-expired', 'blue');
  }
});

test('on-call finds the same answer on the catalog entities', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/resource/green/federation');
  await expect(page.getByTestId('triage-checklist')).toBeVisible();
  await expect(page.getByTestId('check-target')).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/entity-tab-green.png',
    fullPage: true,
  });

  await page.goto('/catalog/default/component/dareyscore');
  const card = page.getByTestId('entity-application-metrics-card');
  await expect(card).toBeVisible();
  for (const cluster of ['blue', 'green']) {
    await expect(
      page.getByTestId(`application-cluster-${cluster}`),
    ).toBeVisible();
  }
  await page.screenshot({
    path: 'artifacts/screenshots/entity-card-dareyscore.png',
    fullPage: true,
  });
});
