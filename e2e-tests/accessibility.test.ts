import { expect, test } from '@playwright/test';
import { wcagViolations } from './axe';
import { signInAsGuest } from './signIn';

// axe-core in Debian's Chromium: no WCAG 2 A/AA violation on the plugin's views. Backstage's own
// catalog page is not checked: once its rows have loaded, its table's sort labels (MUI) nest
// focusable elements (nested-interactive), which is Backstage's to fix, not the plugin's.

test('the check itself finds an unlabelled search box', async ({ page }) => {
  await page.setContent(
    '<html lang="en"><head><title>t</title></head><body><main><input type="text"></main></body></html>',
  );
  expect((await wcagViolations(page)).join('\n')).toMatch(
    /^label \(critical\)/,
  );
});

const VIEWS: Array<{ name: string; path: string; ready: string }> = [
  {
    name: 'the status page',
    path: '/prometheus-federation',
    ready: 'Federated clusters',
  },
  {
    name: 'the cluster view',
    path: '/prometheus-federation/clusters/blue',
    ready: 'blue',
  },
  {
    name: "the cluster entity's federation tab",
    path: '/catalog/default/resource/green/federation',
    ready: 'green',
  },
  {
    name: "the cluster entity's overview card",
    path: '/catalog/default/resource/green',
    ready: 'green',
  },
  {
    name: "the application entity's metrics card",
    path: '/catalog/default/component/dareyscore',
    ready: 'dareyscore',
  },
];

for (const view of VIEWS) {
  test(`${view.name} has no WCAG 2 A/AA violation`, async ({ page }) => {
    await signInAsGuest(page);
    await page.goto(view.path);
    await expect(
      page.getByRole('heading', { name: view.ready }).first(),
    ).toBeVisible();
    // Wait for the plugin's data, not only the shell: a progress bar has no violations to find.
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    expect(await wcagViolations(page)).toEqual([]);
  });
}
