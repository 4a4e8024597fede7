/**
 * The status page in Chromium against a running backend (the lab fleet's, started by the
 * backend's bench/fleetScreenshot.bench.ts): every API read goes to that backend.
 *
 *   BACKEND_TOKEN=<static token> npx tsx plugins/prometheus-federation/bench/fleetPageScreenshot.ts <backend URL> <out.png>
 *
 * Waits for the first page of rows and the shared causes, takes a screenshot at 1280x800 and one
 * of the full page (`<out>-full.png`), and prints on stdout, as one JSON object, the shared
 * causes in the order the page shows them (their test id and title).
 */
import { bundle, launchChromium, serveThrough } from './server';

const ROWS = '[data-testid^="cluster-row-"]';

async function main() {
  const [backend, out] = process.argv.slice(2);
  const token = process.env.BACKEND_TOKEN;
  if (!backend || !out || !token)
    throw new Error(
      'usage: BACKEND_TOKEN=<token> fleetPageScreenshot.ts <backend URL> <out.png>',
    );
  const { base, server } = await serveThrough(await bundle(), backend, token);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`${base}/prometheus-federation`);
    await page.locator(ROWS).first().waitFor({ timeout: 120_000 });
    const causes = page.locator(
      '[data-testid="shared-causes"] [data-testid^="shared-cause-"]:not([data-testid^="shared-cause-all-"])',
    );
    await causes.first().waitFor({ timeout: 30_000 });
    const shown = await causes.evaluateAll(alerts =>
      alerts.map(a => ({
        id: a.getAttribute('data-testid'),
        title: (
          a.querySelector('[class*="MuiAlertTitle"]') ?? a
        ).textContent?.slice(0, 200),
      })),
    );
    // The shared causes come before the table: their section sits above the first row.
    const above = await page.evaluate(
      ([rows]) => {
        const section = document.querySelector('[data-testid="shared-causes"]');
        const row = document.querySelector(rows);
        return !!(
          section &&
          row &&
          section.getBoundingClientRect().bottom <=
            row.getBoundingClientRect().top
        );
      },
      [ROWS] as const,
    );
    // What on-call sees first (the top at 1280x800), and the whole page beside it.
    await page.screenshot({ path: out });
    await page.screenshot({
      path: out.replace(/\.png$/, '-full.png'),
      fullPage: true,
    });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    process.stdout.write(
      `${JSON.stringify({
        sharedCauses: shown,
        sharedCausesAboveRows: above,
      })}\n`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
