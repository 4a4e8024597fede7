import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../config/readFederationConfig';
import {
  LocalServer,
  replayPrometheus,
  startLocalServer,
} from '../__testUtils__/localServer';
import recorded from '../__fixtures__/prometheus-2.42.json';
import { OpsPrometheusCollector } from './opsPrometheus';
import { RequestCounter } from './requestCounter';

// Recorded from a real Prometheus 2.42 with federate-blue refused and federate-green up (the
// freshness queries from the lab's ops Prometheus 2.42, keeping green).
const SELECTOR =
  '{__name__=~"http_request.*|http_requests_total", source_cluster!=""}';

function options(url: string, extra: object = {}) {
  return readFederationConfig(
    new ConfigReader({
      prometheusFederation: {
        opsPrometheus: { url, bearerToken: 'ops-token-never-shown' },
        httpMetricsSelector: SELECTOR,
        upstreamTimeoutSeconds: 1,
        clusters: [
          {
            name: 'blue',
            prometheus: { host: 'prometheus-blue.federation.test' },
          },
        ],
        ...extra,
      },
    }),
  )!;
}

describe('OpsPrometheusCollector', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  it('reads targets, alerts, rules, config and batched queries from the real response shapes', async () => {
    server = await startLocalServer(replayPrometheus(recorded));
    const counter = new RequestCounter();
    const result = await new OpsPrometheusCollector(
      options(server.url),
      [],
      counter,
    ).collect();
    if (!result.ok) throw new Error(result.reason);
    const facts = result.value;

    expect(facts.targets.map(t => [t.job, t.health])).toEqual([
      ['federate-blue', 'down'],
      ['federate-green', 'up'],
    ]);
    expect(facts.targets[0].lastError).toContain('connect: connection refused');
    expect(facts.targets[0].scrapeTimeout).toBe('1s');
    expect(facts.alerts).toMatchObject({
      ok: true,
      value: [
        {
          labels: {
            alertname: 'PrometheusFederationDown',
            source_cluster: 'blue',
          },
          state: 'firing',
        },
      ],
    });
    expect(facts.rules.ok && facts.rules.value.map(r => r.name)).toEqual([
      'PrometheusFederationDown',
      'PrometheusFederationHighLatency',
    ]);
    expect(
      facts.scrapeJobs.ok &&
        facts.scrapeJobs.value.find(j => j.jobName === 'federate-blue'),
    ).toMatchObject({ insecureSkipVerify: true });
    expect(
      facts.scrapeJobs.ok &&
        facts.scrapeJobs.value.find(j => j.jobName === 'federate-green'),
    ).toMatchObject({ sampleLimit: 5000 });
    expect(facts.samplesScraped['federate-green']).toBeGreaterThan(0);
    expect(facts.scrapeDuration['federate-blue']).toBeGreaterThanOrEqual(0);
    expect(
      facts.series.ok && facts.series.value.green.httpSeries,
    ).toBeGreaterThan(0);
    expect(
      facts.series.ok && facts.series.value.green.newestSample,
    ).toBeGreaterThan(1.7e9);
    expect(facts.replicas).toEqual({ green: 1 });
    expect(facts.replicaSamples?.green?.['']).toBeGreaterThan(1.7e9);
    expect(facts.lastDownAt?.['federate-blue']).toBeGreaterThan(1.7e9);
    // runtimeinfo's lastConfigTime (Prometheus 2.42, a fresh start).
    expect(facts.configLoadedAt).toBe(
      Date.parse('2026-12-07T03:41:04Z') / 1000,
    );

    // One request per endpoint (three for the http series: counts of the buckets and of the
    // rest, then newest samples by name), whatever the number of clusters; the token goes in
    // the header only.
    expect(counter.snapshot()).toEqual({ opsPrometheus: 15 });
    expect(
      server.requests.every(
        r => r.headers.authorization === 'Bearer ops-token-never-shown',
      ),
    ).toBe(true);
    expect(server.requests.some(r => r.url.includes('ops-token'))).toBe(false);
  });

  it('tells the probe plan its targets and scrape jobs before the queries answer', async () => {
    server = await startLocalServer(replayPrometheus(recorded));
    let planned: unknown;
    const result = await new OpsPrometheusCollector(
      options(server.url),
      [],
    ).collect(facts => {
      planned = facts;
    });
    if (!result.ok) throw new Error(result.reason);
    expect(planned).toEqual({
      ok: true,
      value: {
        targets: result.value.targets,
        scrapeJobs: result.value.scrapeJobs,
      },
    });
  });

  it('reports ops Prometheus as unreadable when the targets call fails, without the token', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('ops-token-never-shown is not welcome');
    });
    const result = await new OpsPrometheusCollector(options(server.url), [
      'ops-token-never-shown',
    ]).collect();
    expect(result).toEqual({
      ok: false,
      reason: 'ops Prometheus /api/v1/targets: HTTP 503',
      detail: 'HTTP 503',
      timedOut: false,
    });
  });

  it('names a 200 answer that is not JSON (a login page) instead of a bare status', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Sign in</html>');
    });
    const result = await new OpsPrometheusCollector(
      options(server.url),
      [],
    ).collect();
    expect(result).toMatchObject({
      ok: false,
      reason:
        'ops Prometheus /api/v1/targets: HTTP 200 answer that is not JSON (not the Prometheus API?)',
    });
  });

  it('gives up on a hanging ops Prometheus within the per-source timeout', async () => {
    server = await startLocalServer(() => {
      /* never answers */
    });
    const started = Date.now();
    const result = await new OpsPrometheusCollector(
      options(server.url),
      [],
    ).collect();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result).toMatchObject({
      ok: false,
      timedOut: true,
      reason: 'ops Prometheus /api/v1/targets: timeout after 1 s',
    });
  });

  it('ends a read in flight and closes its socket on close (the backend stops)', async () => {
    server = await startLocalServer(() => {
      /* never answers */
    });
    const collector = new OpsPrometheusCollector(
      options(server.url, { upstreamTimeoutSeconds: 60 }),
      [],
    );
    const started = Date.now();
    const reading = collector.collect();
    while (server.requests.length === 0)
      await new Promise(r => setTimeout(r, 10));
    collector.close();
    const result = await reading;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ ok: false, timedOut: false });
  });
});
