import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../config/readFederationConfig';
import {
  dashboardAnswers,
  libraryElementAnswers,
  searchAnswer,
} from '../cost/__fixtures__';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { GrafanaCollector } from './grafana';
import { RequestCounter } from './requestCounter';

const TOKEN = 'glsa_grafana-token-never-shown';

/** Grafana's answers by path, refusing any other token as Grafana does (401). */
function grafana(answers: Record<string, unknown>) {
  return startLocalServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"message":"invalid API key"}');
      return;
    }
    const path = req.url!.split('?')[0];
    const body = answers[path];
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': 'application/json',
    });
    res.end(JSON.stringify(body ?? { message: 'Dashboard not found' }));
  });
}

function options(url: string, grafanaExtra: object = {}) {
  return readFederationConfig(
    new ConfigReader({
      prometheusFederation: {
        opsPrometheus: { url: 'http://127.0.0.1:1' },
        upstreamTimeoutSeconds: 2,
        grafana: { baseUrl: url, token: TOKEN, ...grafanaExtra },
        clusters: [],
      },
    }),
  )!;
}

const answers: Record<string, unknown> = {
  '/api/search': searchAnswer,
  '/api/library-elements/app-saturation':
    libraryElementAnswers['app-saturation'],
  ...Object.fromEntries(
    dashboardAnswers.map(a => [`/api/dashboards/uid/${a.dashboard.uid}`, a]),
  ),
};

describe('GrafanaCollector', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  it('reads search, every dashboard and its library panels with the token', async () => {
    server = await grafana(answers);
    const counter = new RequestCounter();
    const result = await new GrafanaCollector(
      options(server.url),
      [TOKEN],
      counter,
    ).collect();
    if (!result?.ok) throw new Error(`not read: ${JSON.stringify(result)}`);
    expect(result.value.dashboards.map(d => d.uid)).toEqual([
      'application-errors',
      'federation-overview',
      'runtime',
    ]);
    expect(Object.keys(result.value.libraryPanels)).toEqual(['app-saturation']);
    expect(result.value.skipped).toEqual([]);
    expect(server.requests[0].url).toBe('/api/search?type=dash-db&limit=1000');
    expect(counter.snapshot()).toEqual({ grafana: 5 });
  });

  it('names a dashboard it cannot read and reads the others', async () => {
    server = await grafana({
      ...answers,
      '/api/dashboards/uid/runtime': undefined,
    });
    const result = await new GrafanaCollector(options(server.url), [
      TOKEN,
    ]).collect();
    expect(result).toMatchObject({
      ok: true,
      value: { skipped: ['Grafana dashboard runtime: HTTP 404'] },
    });
  });

  it('fails alone on a refused token, without showing it', async () => {
    server = await grafana(answers);
    const opts = options(server.url, { token: 'glsa_wrong-token-value' });
    const result = await new GrafanaCollector(opts, [
      'glsa_wrong-token-value',
    ]).collect();
    expect(result).toMatchObject({
      ok: false,
      reason: 'Grafana /api/search: HTTP 401',
    });
    expect(JSON.stringify(result)).not.toContain('wrong-token');
  });

  it('reads nothing without a token', async () => {
    expect(
      await new GrafanaCollector(
        options('http://127.0.0.1:1', { token: undefined }),
        [],
      ).collect(),
    ).toBeUndefined();
  });
});
