import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('a guest signs in and the catalog lists the three clusters', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/?filters[kind]=resource&filters[user]=all');
  for (const cluster of ['ops', 'blue', 'green']) {
    await expect(
      page.getByRole('link', { name: cluster, exact: true }),
    ).toBeVisible();
  }
  await page.screenshot({
    path: 'artifacts/screenshots/catalog-clusters.png',
    fullPage: true,
  });
});
