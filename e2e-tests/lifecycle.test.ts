import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { lab, onboarding } from './lab';
import { signInAsGuest } from './signIn';

// One collection (15 s in app-config.yaml) after one ops scrape (5 s), plus the page's refetch.
const ONE_REFRESH_MS = 45_000;
// The lab's config: a step is stuck after 1 min (packages/federation-lab/src/backendConfig.ts).
const STUCK_AFTER_MS = 60_000;
const BACKEND = 'http://localhost:7007';

test.describe.configure({ mode: 'serial' });

/**
 * Asks the catalog to read green's file again at once (POST /refresh, as the entity page's
 * refresh button does), instead of waiting for its processing interval. As the guest.
 */
async function refreshCatalog(request: APIRequestContext, entityRef: string) {
  const session = await request.get(
    `${BACKEND}/api/auth/guest/refresh?env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(session.ok()).toBe(true);
  const token = (await session.json()).backstageIdentity.token;
  const refreshed = await request.post(`${BACKEND}/api/catalog/refresh`, {
    headers: { authorization: `Bearer ${token}` },
    data: { entityRef },
  });
  expect(refreshed.ok()).toBe(true);
}

test('a re-onboarded cluster is listed apart, shows its timeline, turns stuck, and leaves onboarding once healthy', async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  await signInAsGuest(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/prometheus-federation');
  await expect(page.getByTestId('cluster-row-green')).toContainText('Healthy');

  // Faulted first: onboarding ends the first time the tracker sees the cluster healthy.
  lab('fault', 'security-group-rule-removed', 'green');
  let pullRequest: string | undefined;
  try {
    await expect(page.getByTestId('cluster-row-green')).toContainText(
      'Degraded',
      { timeout: ONE_REFRESH_MS },
    );
    // A merged pull request annotates green's catalog file with its link.
    pullRequest = await onboarding('start', 'green');
    expect(pullRequest).toMatch(
      /^https:\/\/github\.lab\.test\/platform\/infrastructure\/pull\/\d+$/,
    );
    await refreshCatalog(request, 'resource:default/green');

    // The status page lists it apart from the broken clusters, on the step it waits for.
    const row = page.getByTestId('onboarding-row-green');
    await expect(row).toContainText(
      'Step 6 of 8: Security group rule present',
      { timeout: ONE_REFRESH_MS },
    );
    await expect(page.getByTestId('cluster-row-green')).toHaveCount(0);
    await expect(page.getByTestId('cluster-row-blue')).toContainText('Healthy');

    await row.getByRole('link', { name: 'green' }).click();
    const timeline = page.getByTestId('onboarding-timeline');
    await expect(timeline).toBeVisible();
    await expect(
      timeline.getByRole('link', {
        name: 'Add cluster green to Prometheus federation',
      }),
    ).toHaveAttribute('href', pullRequest!);
    await expect(timeline).toContainText('(merged)');
    // Each step that passes, with the time it first did; the security group rule is missing.
    for (const step of [
      'pr-open',
      'pr-merged',
      'exposure',
      'dns',
      'certificate',
      'target',
      'metrics',
    ]) {
      const line = page.getByTestId(`onboarding-step-${step}`);
      await expect(line).toHaveAttribute('data-status', 'passed');
      await expect(line).toContainText(/passed \d\d:\d\d/);
    }
    const current = page.getByTestId('onboarding-step-security-group');
    await expect(current).toHaveAttribute('data-status', 'current');
    await expect(current).toContainText(/current for \d+ (s|min)/);
    await expect(current).toContainText(/No rule on sg-\w+ allows tcp 443/);

    // Past stuckAfterMinutes: the warning with the step's remediation, here and on the page.
    const stuck = page.getByTestId('onboarding-stuck');
    await expect(stuck).toContainText(
      /Stuck on “Security group rule present” for \d+ (s|min) \(more than 1 min\)/,
      { timeout: STUCK_AFTER_MS + ONE_REFRESH_MS },
    );
    await expect(stuck.getByTestId('remediation')).toContainText(
      'terraform/prometheus-federation-security.tf',
    );
    await expect(stuck.getByTestId('remediation')).toContainText(
      'terraform apply',
    );
    await timeline.screenshot({
      path: 'artifacts/screenshots/onboarding-timeline-portal.png',
    });
    await page.screenshot({
      path: 'artifacts/screenshots/cluster-view-green-onboarding.png',
      fullPage: true,
    });

    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    await nav.getByRole('link', { name: 'Federation' }).click();
    await expect(page.getByTestId('onboarding-stuck-green')).toContainText(
      'stuck (over 1 min)',
    );
    await page.screenshot({
      path: 'artifacts/screenshots/federation-page-onboarding-stuck.png',
      fullPage: true,
    });

    // The rule is back: healthy once, green leaves onboarding and returns to the table.
    lab('revert', 'security-group-rule-removed', 'green');
    await expect(page.getByTestId('cluster-row-green')).toContainText(
      'Healthy',
      { timeout: ONE_REFRESH_MS },
    );
    await expect(page.getByTestId('onboarding-row-green')).toHaveCount(0);
    await page.getByTestId('cluster-link-green').click();
    await expect(page.getByTestId('check-security-group')).toHaveAttribute(
      'data-result',
      'pass',
    );
    await expect(page.getByTestId('onboarding-timeline')).toHaveCount(0);
  } finally {
    lab('revert', 'security-group-rule-removed', 'green');
    if (pullRequest) {
      await onboarding('undo', 'green');
      await refreshCatalog(request, 'resource:default/green');
    }
  }
});

/**
 * The portal has no GitHub sign-in: each request of the RepoUrlPicker for the user's GitHub
 * token (requestUserCredentials; it asks again after each change of the form) is rejected, as
 * a user without a GitHub account here would; the template would then use the integration's
 * token. The picker (plugin-scaffolder) leaves that rejection unhandled, and the dev server would
 * cover the page with its error overlays: only that rejection is kept from them.
 */
async function declineGitHubSignIn(page: Page) {
  await page.addInitScript(() => {
    window.addEventListener(
      'unhandledrejection',
      event => {
        if (event.reason?.name === 'RejectedError')
          event.stopImmediatePropagation();
      },
      { capture: true },
    );
  });
  // Not waiting for the dialog to go: the next change of the form brings it back.
  await page.addLocatorHandler(
    page.getByRole('button', { name: 'Reject all' }),
    button => button.click(),
    { noWaitAfter: true },
  );
}

test("the remove template's review step shows the cluster and the repository", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await declineGitHubSignIn(page);
  await page.goto('/create');
  // The template's card (a MUI card): its title, and its own Choose button.
  const card = page.locator('.MuiCard-root').filter({
    has: page.getByRole('heading', { name: 'Remove cluster from federation' }),
  });
  await expect(
    card,
    'templates/remove-cluster-from-federation is not in the catalog (app-config.yaml catalog.locations)',
  ).toBeVisible();
  await card.getByRole('button', { name: 'Choose' }).click();

  await page.getByLabel('Cluster name').fill('green');
  await page.getByRole('button', { name: 'Next' }).click();
  // Both are free-text autocompletes: a value is taken when the field is left (Tab).
  await page.getByLabel('Owner').fill('platform');
  await page.getByLabel('Owner').press('Tab');
  await page.getByLabel('Repository').fill('infrastructure');
  await page.getByLabel('Repository').press('Tab');
  await expect(page.getByLabel('Base branch')).toHaveValue('main');
  await page.getByRole('button', { name: 'Review' }).click();

  // The review lists what the pull request would be opened from; nothing is submitted.
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
  for (const [label, value] of [
    ['Cluster name', 'green'],
    [
      'Infrastructure repository',
      'github.com?owner=platform&repo=infrastructure',
    ],
    ['Base branch', 'main'],
  ]) {
    const row = page.getByRole('row', { name: new RegExp(`^${label} `) });
    await expect(row.getByRole('cell').nth(1)).toHaveText(value);
  }
  await page.screenshot({
    path: 'artifacts/screenshots/remove-template-review.png',
    fullPage: true,
  });
});
