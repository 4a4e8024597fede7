import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../config/readFederationConfig';
import { rulesAnswer } from '../cost/__fixtures__';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { createCostService } from '../service/createCostService';

const vector = (result: object[]) => ({
  status: 'success',
  data: { resultType: 'vector', result },
});
const sample = (metric: object, value: number) => ({
  metric,
  value: [1764547200, String(value)],
});

/** Ops Prometheus as it answers the cost reader's queries for cluster blue. */
function opsPrometheus(query: string): unknown {
  if (query.startsWith('count by (__name__)')) {
    return vector([
      sample({ __name__: 'http_requests_total' }, 30),
      sample({ __name__: 'up' }, 3),
      sample({ __name__: 'app_unused_total' }, 300),
    ]);
  }
  if (query.startsWith('{__name__=~"scrape_samples_scraped')) {
    return vector([
      sample({ __name__: 'scrape_samples_scraped', job: 'federate-blue' }, 333),
      sample(
        { __name__: 'scrape_body_size_bytes', job: 'federate-blue' },
        90000,
      ),
      sample(
        { __name__: 'scrape_duration_seconds', job: 'federate-blue' },
        0.5,
      ),
      sample({ __name__: 'scrape_timeout_seconds', job: 'federate-blue' }, 10),
    ]);
  }
  if (query.startsWith('deriv(')) return vector([]);
  return undefined;
}

/** Two steps of the federate job's scrape metrics, as query_range answers them. */
const matrix = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { __name__: 'scrape_duration_seconds', job: 'federate-blue' },
        values: [
          [1764547200, '0.4'],
          [1764547500, '0.5'],
        ],
      },
      {
        metric: { __name__: 'scrape_samples_scraped', job: 'federate-blue' },
        values: [
          [1764547500, '333'],
          [1764547200, '320'],
        ],
      },
      {
        metric: { __name__: 'scrape_timeout_seconds', job: 'federate-blue' },
        values: [
          [1764547200, '10'],
          [1764547500, 'NaN'],
        ],
      },
    ],
  },
};

/** Ops Prometheus answering by path first, then by query; 400 for anything else. */
function startOps(byPath: Record<string, unknown>): Promise<LocalServer> {
  return startLocalServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const body =
      byPath[url.pathname] ??
      opsPrometheus(url.searchParams.get('query') ?? '');
    res.writeHead(body ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { status: 'error', error: 'bad query' }));
  });
}

/** The cost service of a backend configured with blue on `ops`. */
function costServiceOn(ops: LocalServer, extra: object = {}) {
  const options = readFederationConfig(
    new ConfigReader({
      prometheusFederation: {
        opsPrometheus: { url: ops.url },
        ...extra,
        clusters: [
          { name: 'blue', prometheus: { host: 'prometheus-blue.test' } },
        ],
      },
    }),
  )!;
  return createCostService(options);
}

describe('CostReader through the cost service', () => {
  let ops: LocalServer;
  afterEach(() => ops?.close());

  it('reads volume and rules from ops Prometheus and proposes the narrowing', async () => {
    ops = await startOps({
      '/api/v1/rules': rulesAnswer,
      '/api/v1/query_range': matrix,
    });
    const cost = await costServiceOn(ops, { upstreamTimeoutSeconds: 2 }).cost(
      'blue',
      'user:default/test',
    );
    const queries = ops.requests.map(r => decodeURIComponent(r.url));
    expect(queries).toContainEqual(
      expect.stringContaining(
        'count by (__name__) ({source_cluster="blue", job!="federate-blue"})',
      ),
    );
    expect(cost.volume).toMatchObject({
      series: 333,
      samplesPerScrape: 333,
      bodyBytes: 90000,
      durationSeconds: 0.5,
      timeoutSeconds: 10,
    });
    // One query_range for the chart: 6 h at a 5-minute step, the three metrics side by side.
    const range = ops.requests
      .map(r => new URL(r.url!, 'http://x'))
      .filter(u => u.pathname === '/api/v1/query_range');
    expect(range).toHaveLength(1);
    const params = range[0].searchParams;
    expect(params.get('query')).toBe(
      '{__name__=~"scrape_duration_seconds|scrape_timeout_seconds|scrape_samples_scraped|scrape_body_size_bytes", job="federate-blue"}',
    );
    expect(params.get('step')).toBe('300');
    expect(Number(params.get('end')) - Number(params.get('start'))).toBe(
      6 * 3600,
    );
    expect(cost.history).toEqual([
      { at: 1764547200, durationSeconds: 0.4, series: 320, timeoutSeconds: 10 },
      { at: 1764547500, durationSeconds: 0.5, series: 333 },
    ]);
    expect(cost.notes).toEqual([
      'Grafana token not configured: dashboards not counted',
    ]);
    expect(cost.proposal).toMatchObject({
      keptNames: ['http_requests_total', 'up'],
      droppedNames: ['app_unused_total'],
      after: { series: 33, samplesPerScrape: 33, bodyBytes: 8919 },
      savedPercent: 90.1,
    });
    expect(cost.proposal!.reason).toContain('Grafana not read (no token)');
  });
  it('draws a newly federated job from its last hour at a finer step', async () => {
    ops = await startLocalServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      let body: unknown = opsPrometheus(url.searchParams.get('query') ?? '');
      if (url.pathname === '/api/v1/rules') body = rulesAnswer;
      if (url.pathname === '/api/v1/query_range') {
        // Minutes old: one 5-minute point, many 15-second ones.
        const fine = url.searchParams.get('step') === '15';
        body = fine
          ? matrix
          : {
              ...matrix,
              data: {
                resultType: 'matrix',
                result: matrix.data.result.map(r => ({
                  ...r,
                  values: r.values.filter(([at]) => at === 1764547200),
                })),
              },
            };
      }
      res.writeHead(body ? 200 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { status: 'error', error: 'bad query' }));
    });
    const cost = await costServiceOn(ops).cost('blue', 'user:default/test');
    const ranges = ops.requests
      .map(r => new URL(r.url!, 'http://x'))
      .filter(u => u.pathname === '/api/v1/query_range');
    expect(ranges.map(u => u.searchParams.get('step'))).toEqual(['300', '15']);
    const recent = ranges[1].searchParams;
    expect(Number(recent.get('end')) - Number(recent.get('start'))).toBe(3600);
    expect(cost.history).toHaveLength(2);
  });

  it('reads the fresh names over three scrape intervals of the job (read from its target)', async () => {
    ops = await startOps({
      '/api/v1/rules': rulesAnswer,
      '/api/v1/query_range': matrix,
      '/api/v1/label/__name__/values': {
        status: 'success',
        data: ['http_requests_total', 'up', 'app_unused_total'],
      },
      '/api/v1/targets': {
        status: 'success',
        data: {
          activeTargets: [
            {
              scrapeInterval: '15s',
              scrapeUrl:
                'https://prometheus-blue.test/federate?match%5B%5D=%7B__name__%3D~%22http_requests_total%7Cup%22%7D',
            },
          ],
        },
      },
    });
    const proof = await costServiceOn(ops).proof('blue', 'user:default/test');
    const queries = ops.requests.map(r =>
      new URL(r.url!, 'http://x').searchParams.get('query'),
    );
    expect(queries).toContain(
      'count by (__name__) (last_over_time({source_cluster="blue", job!="federate-blue"}[45s]))',
    );
    expect(proof.selectors).toEqual(['{__name__=~"http_requests_total|up"}']);
    // Every read answered, the fresh names among them.
    expect(proof.notes).toEqual([]);
  });
});
