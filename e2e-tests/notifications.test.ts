import { expect, Request, test } from '@playwright/test';
import { lab } from './lab';
import { signInAsGuest } from './signIn';

// app-config.yaml: a collection every 15 s, a new state notified after it held 20 s. With live
// signals the page polls only every 60 s (four intervals), as a safety net.
const SIGNALLED_POLL_MS = 60_000;
// A refetch this soon after the snapshot was collected came from its signal, not from a poll.
const SIGNAL_LAG_MS = 8_000;

test.describe.configure({ mode: 'serial' });

test('a degraded cluster updates the open page without a reload and notifies its owner (the guest) once', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);
  await page.goto('/prometheus-federation');
  const blue = page.getByTestId('cluster-row-blue');
  await expect(blue).toContainText('Healthy');

  // Every overview the page asks for, when it asked and what it got.
  const asked: Array<{ at: number; generatedAt: string; blue?: string }> = [];
  page.on('requestfinished', async (request: Request) => {
    if (!/\/api\/prometheus-federation\/clusters$/.test(request.url())) return;
    const body = await (await request.response())?.json();
    asked.push({
      // When the page asked (epoch ms).
      at: request.timing().startTime,
      generatedAt: body.generatedAt,
      blue: body.clusters.find((c: { name: string }) => c.name === 'blue')
        ?.state,
    });
  });
  // Marks this document: a reload would lose it.
  await page.evaluate(() => ((window as any).federationE2eMark = true));
  const faultAt = Date.now();

  lab('fault', 'security-group-rule-removed', 'blue');
  try {
    await expect(blue).toContainText('Degraded', { timeout: 60_000 });
    expect(await page.evaluate(() => (window as any).federationE2eMark)).toBe(
      true,
    );
    const first = asked.find(a => a.blue === 'degraded')!;
    expect(first).toBeDefined();
    // Asked right after the snapshot was stored, long before the page's next poll.
    expect(first.at - Date.parse(first.generatedAt)).toBeLessThan(
      SIGNAL_LAG_MS,
    );
    expect(first.at - faultAt).toBeLessThan(SIGNALLED_POLL_MS);
    await page.screenshot({
      path: 'artifacts/screenshots/federation-page-live-degraded.png',
      fullPage: true,
    });

    // The guest is a member of platform, the owner of resource:default/blue.
    await page.goto('/notifications');
    // The table's title link (a toast may repeat the text while the page is open).
    const notification = page.getByRole('link', {
      name: /blue federation is degraded/,
    });
    await expect(notification).toHaveCount(1, { timeout: 90_000 });
    await page.screenshot({
      path: 'artifacts/screenshots/notifications-blue-degraded.png',
      fullPage: true,
    });
    // Not repeated while the state holds: two more collections later, still one (read afresh by
    // navigating inside the app; a reload would sign the guest out).
    await page.waitForTimeout(35_000);
    const nav = page.getByRole('navigation', { name: 'sidebar nav' });
    await nav.getByRole('link', { name: 'Federation' }).click();
    await expect(page.getByTestId('cluster-row-blue')).toContainText(
      'Degraded',
    );
    await nav.getByRole('link', { name: /Notifications/ }).click();
    await expect(notification).toHaveCount(1);
  } finally {
    lab('revert', 'security-group-rule-removed', 'blue');
  }
});
