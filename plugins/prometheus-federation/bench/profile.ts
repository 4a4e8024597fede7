/**
 * Where the status page's time goes at N clusters a CPU profile of Chromium's page
 * from navigation until usable (rows visible, state filter answered), summed by function, and the
 * requests the page made. Unminified bundle, so that the functions keep their names.
 *
 *   npx tsx plugins/prometheus-federation/bench/profile.ts [clusters | list.json]
 *
 * With a list file (e.g. the real backend's, kept by pageUsable.ts' PAGE_LIST_KEEP) the page gets
 * that answer instead of the stub's.
 */
import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { bundle, launchChromium, serve, serveAnswers } from './server';

const ARG = process.argv[2] ?? '1000';
const LIST = ARG.endsWith('.json') ? ARG : undefined;
const ROWS = '[data-testid^="cluster-row-"]';

type Node = {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
};

async function main() {
  const js = await bundle(false);
  const { base, server } = LIST
    ? await serveAnswers(js, {
        '/api/prometheus-federation/clusters': JSON.parse(
          readFileSync(LIST, 'utf8'),
        ),
      })
    : await serve(js, Number(ARG)).then(s => ({
        server: s,
        base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
      }));
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
  });
  const requests: string[] = [];
  page.on('request', r => requests.push(`${r.method()} ${r.url()}`));
  // Long tasks (over 50 ms) with their start: which part of the timeline is the page's own work.
  await page.addInitScript(() => {
    (window as any).longTasks = [];
    new PerformanceObserver(list =>
      list
        .getEntries()
        .forEach(e =>
          (window as any).longTasks.push([
            Math.round(e.startTime),
            Math.round(e.duration),
          ]),
        ),
    ).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(
    `${base}/prometheus-federation${LIST ? '' : `?clusters=${ARG}`}`,
  );
  await page.waitForFunction(
    s => document.querySelectorAll(s).length === 25,
    ROWS,
    {
      timeout: 30_000,
    },
  );
  const rowsMs = await page.evaluate(() => performance.now());
  // The filter answers when the first row (the worst cluster) has gone.
  const first = await page.locator(ROWS).first().getAttribute('data-testid');
  await page.getByTestId('filter-healthy').click();
  await page.getByTestId(first!).waitFor({ state: 'detached' });
  const usableMs = await page.evaluate(() => performance.now());
  const timeline = await page.evaluate(() => {
    const list = performance
      .getEntriesByType('resource')
      .map(e => e as PerformanceResourceTiming)
      .map(
        e =>
          `${e.name.split('/').pop()} ${Math.round(e.startTime)}-${Math.round(
            e.responseEnd,
          )}`,
      );
    return { list, longTasks: (window as any).longTasks };
  });
  const { profile } = await cdp.send('Profiler.stop');
  const interval =
    (profile.endTime - profile.startTime) / 1000 / profile.samples!.length;
  const self = new Map<string, number>();
  for (const n of profile.nodes as Node[]) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${
      f.lineNumber
    }`;
    self.set(key, (self.get(key) ?? 0) + n.hitCount * interval);
  }
  // Inclusive time of the page's own functions (app.js, not node_modules), counted once per stack.
  const nodes = new Map((profile.nodes as Node[]).map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes.values())
    for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const n of nodes.values()) {
    const seen = new Set<string>();
    for (let id: number | undefined = n.id; id; id = parent.get(id)) {
      const f = nodes.get(id)!.callFrame;
      if (!f.url.endsWith('app.js') || !f.functionName) continue;
      seen.add(f.functionName);
    }
    for (const k of seen)
      inclusive.set(k, (inclusive.get(k) ?? 0) + n.hitCount * interval);
  }
  const topInclusive = [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40);
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  const lines = (xs: Array<[string, number]>) =>
    xs.map(([k, ms]) => `  ${ms.toFixed(1).padStart(7)}  ${k}`);
  const report = [
    `rows visible ${Math.round(rowsMs)} ms, usable ${Math.round(usableMs)} ms`,
    'requests:',
    ...requests.map(r => `  ${r}`),
    `resources (start-end ms): ${timeline.list.join(', ')}`,
    `long tasks [start, ms]: ${JSON.stringify(timeline.longTasks)}`,
    'self time (ms):',
    ...lines(top),
    'inclusive (ms):',
    ...lines(topInclusive),
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  await browser.close();
  server.close();
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
