import { startLab, Lab } from '@promfed/federation-lab';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCostService } from './service/createCostService';
import { GrafanaCollector } from './collectors/grafana';
import { readFederationConfig } from './config/readFederationConfig';
import { dashboardQueries } from './cost/dashboardQueries';
import { ClusterCost } from './cost/clusterCost';
import {
  applyNarrowing,
  figuresTable,
  opsQuery,
  scrapeFigures,
} from './__testUtils__/narrowLab';

// The proposal for blue, applied with the narrow action's editor to the lab's ops scrape config,
// ops Prometheus reloaded: the dashboards' queries answer the same series, the scrape shrinks, and
// the proof says so; a dashboard then changed to read a dropped name is named by the next read.
const BASE_PORT = 23500;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-cost-it-'));
let lab: Lab;

jest.setTimeout(10 * 60_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A dashboard query as Grafana sends it with source_cluster=blue and every application. */
function asSent(expr: string): string {
  return expr
    .replace(/\$\{source_cluster(:\w+)?\}|\$source_cluster/g, 'blue')
    .replace(/\$application/g, '.*')
    .replace(/\$__rate_interval/g, '1m');
}

/** Each query's answer as the sorted label sets of its series (values move, series must not). */
async function seriesOf(exprs: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const expr of exprs) {
    const result = await opsQuery(lab, asSent(expr));
    out[expr] = result.map(r => JSON.stringify(r.metric)).sort();
  }
  return out;
}

beforeAll(async () => {
  lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: ['blue', 'green'],
  });
  // A few scrapes, so that rates have two samples.
  await sleep(15_000);
});

afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Cost answers and Grafana's dashboards kept for seconds, so that one test sees a refresh. */
const CACHE_SECONDS = 5;

/** The lab's backend config, with cost answers and dashboards kept for CACHE_SECONDS. */
function shortCaches() {
  const federation = lab.backendConfig.prometheusFederation;
  return new ConfigReader({
    prometheusFederation: {
      ...federation,
      cost: { cacheSeconds: CACHE_SECONDS },
      grafana: { ...federation.grafana, usageTtlSeconds: CACHE_SECONDS },
    },
  });
}

/** The lab's Grafana API with its token: read a dashboard, or save one as a person editing it does. */
async function grafanaApi(route: string, body?: object): Promise<any> {
  const grafana = lab.backendConfig.prometheusFederation.grafana!;
  const res = await fetch(`${grafana.baseUrl}${route}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${grafana.token}`,
      'content-type': 'application/json',
    },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`Grafana ${route}: HTTP ${res.status}`);
  return res.json();
}

it('narrows blue to what dashboards and rules use: same series for the dashboards, fewer samples and bytes; the proof follows', async () => {
  const options = readFederationConfig(shortCaches())!;
  const service = createCostService(options);
  const cost: ClusterCost = await service.cost('blue', 'user:default/lab');
  expect(cost.notes).toEqual([]);
  expect(cost.usage!.dashboards).toBe(3);
  expect(cost.usage!.unparsable).toEqual([]);
  const proposal = cost.proposal!;
  expect(proposal.narrowed).toBe(true);
  expect(proposal.keptNames).toEqual(
    expect.arrayContaining(['up', 'http_requests_total', 'app_queue_depth']),
  );
  // The lab's apps export far more families than anyone reads (20% or less).
  const used = new Set(
    cost.usage!.usedNames.map(n => n.replace(/_(bucket|sum|count)$/, '')),
  );
  const families = new Set(
    [...proposal.keptNames, ...proposal.droppedNames].map(n =>
      n.replace(/_(bucket|sum|count)$/, ''),
    ),
  );
  expect(used.size / families.size).toBeLessThanOrEqual(0.2);

  const dashboards = await new GrafanaCollector(options, []).collect();
  if (!dashboards?.ok) throw new Error('lab Grafana not read');
  const exprs = dashboards.value.dashboards
    .flatMap(d =>
      dashboardQueries(d, {
        datasources: [],
        libraryPanels: dashboards.value.libraryPanels,
      }),
    )
    .filter(q => q.expr && !q.source.includes(' variable '))
    .map(q => q.expr!);
  const before = await seriesOf(exprs);
  const figuresBefore = await scrapeFigures(lab, 'federate-blue');

  await applyNarrowing(lab, 'federate-blue', proposal.selectors);
  // Two scrape intervals after the reload; then the old series' 5-minute lookback does not matter
  // for the kept ones, which never stopped.
  await sleep(15_000);
  const figuresAfter = await scrapeFigures(lab, 'federate-blue');
  // Every series a panel showed is still there (traffic may add some: a first 500 on a route).
  const after = await seriesOf(exprs);
  for (const expr of exprs) {
    expect({
      expr,
      missing: before[expr].filter(s => !after[expr].includes(s)),
    }).toEqual({
      expr,
      missing: [],
    });
  }
  expect(Object.values(before).flat().length).toBeGreaterThan(20);
  expect(figuresAfter.samples).toBeLessThan(figuresBefore.samples);
  // The scrape carries the kept names' series, counted at the same time: traffic adds series (a
  // first 500 on a route) between the proposal and the scrape, so the proposal's own count is low.
  const keptNow = await opsQuery(
    lab,
    `count({source_cluster="blue", job!="federate-blue", __name__=~"${proposal.keptNames.join(
      '|',
    )}"})`,
  );
  const keptSeries = Number(keptNow[0].value[1]);
  expect(figuresAfter.samples).toBeGreaterThanOrEqual(keptSeries * 0.95);
  expect(figuresAfter.samples).toBeLessThanOrEqual(keptSeries * 1.05);
  const table = figuresTable(
    'per federate scrape of blue',
    figuresBefore,
    figuresAfter,
  );
  // eslint-disable-next-line no-console
  console.log(
    `${table}\nproposed: ${proposal.before.series} -> ${
      proposal.after.series
    } series (${
      proposal.savedPercent
    }% saved)\nselectors: ${proposal.selectors.join(' ')}`,
  );
  expect(figuresBefore.bytes / figuresAfter.bytes).toBeGreaterThanOrEqual(5);

  // The proof once the narrowed job is live: every used query has data, and the saving measured.
  const proof = await service.proof('blue', 'user:default/lab');
  expect(proof.notes).toEqual([]);
  expect(proof.selectors).toEqual(proposal.selectors);
  expect(proof.usedQueries).toBeGreaterThan(5);
  expect(proof).toMatchObject({ withData: proof.usedQueries, lost: [] });
  const measured = proof.measured!;
  expect(measured.after.samplesPerScrape!).toBeLessThan(
    measured.before.samplesPerScrape!,
  );
  expect(measured.after.bodyBytes!).toBeLessThan(
    measured.before.bodyBytes! / 5,
  );

  // Someone adds a panel on a name the narrowing dropped, a counter read through rate().
  const dropped = proposal.droppedNames.find(n => n.endsWith('_total'))!;
  const { dashboard } = await grafanaApi('/api/dashboards/uid/runtime');
  dashboard.panels.push({
    id: 99,
    type: 'timeseries',
    title: 'Dropped on purpose',
    targets: [
      {
        refId: 'A',
        expr: `sum(rate(${dropped}{source_cluster=~"$source_cluster"}[5m]))`,
      },
    ],
  });
  await grafanaApi('/api/dashboards/db', { dashboard, overwrite: true });
  // One refresh: the kept answer and dashboards expire; ops Prometheus still answers the dropped
  // series for its 5-minute lookback, which the proof must not take for data.
  await sleep((CACHE_SECONDS + 1) * 1000);
  const changed = await service.proof('blue', 'user:default/lab');
  expect(changed.usedQueries).toBe(proof.usedQueries + 1);
  expect(changed.withData).toBe(proof.usedQueries);
  expect(changed.lost).toEqual([
    {
      source: 'dashboard "Runtime" panel "Dropped on purpose" query A',
      owner: 'dashboard "Runtime"',
      expr: `sum(rate(${dropped}{source_cluster=~"$source_cluster"}[5m]))`,
      names: [dropped],
    },
  ]);
  const ghost = await opsQuery(
    lab,
    `rate(${dropped}{source_cluster="blue"}[5m])`,
  );
  // What an instant query would have taken for data: the dropped series inside the lookback.
  expect(ghost.length).toBeGreaterThan(0);
  // eslint-disable-next-line no-console
  console.log(
    `proof: ${proof.withData} of ${proof.usedQueries} used queries have data; after the change, lost ${dropped} (an instant rate() still answers ${ghost.length} series)`,
  );
});
