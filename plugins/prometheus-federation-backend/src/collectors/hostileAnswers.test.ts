import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import { readFederationConfig } from '../config/readFederationConfig';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { triageFederation } from '../triage/triageFederation';
import { OpsPrometheusCollector } from './opsPrometheus';

// Label values are data: any leaf workload can emit these, and federation keeps its labels.
const HOSTILE = ['__proto__', 'constructor', 'toString', '$(touch /tmp/pwned)'];

const options = (url: string, extra: object = {}) =>
  readFederationConfig(
    new ConfigReader({
      prometheusFederation: {
        opsPrometheus: { url },
        upstreamTimeoutSeconds: 2,
        clusters: [{ name: 'blue', prometheus: { host: 'blue.example.com' } }],
        ...extra,
      },
    }),
  )!;

const success = (data: unknown) => JSON.stringify({ status: 'success', data });

/** ops Prometheus answering hostile labels everywhere, and garbage for the alerts. */
function hostileOps(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = req.url!.split('?')[0];
  res.writeHead(200, { 'content-type': 'application/json' });
  const labels = (name: string) => ({
    job: `federate-${name}`,
    source_cluster: name,
    instance: `${name}:443`,
  });
  const answers: Record<string, string> = {
    '/api/v1/targets': success({
      activeTargets: HOSTILE.map(name => ({
        labels: labels(name),
        scrapePool: `federate-${name}`,
        scrapeUrl: `https://${name}/federate`,
        lastError: 'connection refused',
        lastScrape: new Date().toISOString(),
        lastScrapeDuration: 0.1,
        health: 'down',
        scrapeInterval: '30s',
        scrapeTimeout: '10s',
      })),
    }),
    '/api/v1/alerts': success({ alerts: 'garbage' }),
    '/api/v1/rules': success({ groups: [] }),
    '/api/v1/status/config': success({ yaml: 'scrape_configs: []' }),
    '/api/v1/status/runtimeinfo': success({ lastConfigTime: 'yesterday' }),
    '/api/v1/query': success({
      resultType: 'vector',
      result: HOSTILE.map(name => ({
        metric: { ...labels(name), [name]: name },
        value: [Date.now() / 1000, '3'],
      })),
    }),
  };
  res.end(answers[path] ?? '{"status":"error","error":"unknown"}');
}

describe('hostile ops Prometheus answers', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  it('keeps __proto__, constructor and toString as data, and a garbage answer fails only its source', async () => {
    server = await startLocalServer(hostileOps);
    const config = options(server.url);
    const facts = await new OpsPrometheusCollector(config, []).collect();
    if (!facts.ok) throw new Error(facts.reason);

    expect(facts.value.alerts).toMatchObject({ ok: false });
    expect((facts.value.alerts as { reason: string }).reason).toMatch(
      /alerts.*not a list/,
    );
    expect(facts.value.targets).toHaveLength(HOSTILE.length);
    expect(facts.value.scrapeDuration['federate-__proto__']).toBe(3);
    // A load time that is not a time is none: never-scraped targets are judged without it.
    expect(facts.value.configLoadedAt).toBeUndefined();
    // Nothing leaked onto Object.prototype.
    expect(({} as any).httpSeries).toBeUndefined();
    expect(({} as any).applications).toBeUndefined();

    const snapshot = triageFederation(
      {
        collectedAt: Date.now() / 1000,
        ops: facts,
        clusters: Object.create(null),
      },
      config,
    );
    expect(snapshot.clusters.map(c => c.name).sort()).toEqual(
      ['blue', ...HOSTILE].sort(),
    );
    // The snapshot survives the cache's JSON round trip.
    expect(JSON.parse(JSON.stringify(snapshot)).clusters).toHaveLength(5);
    // No shell command is built from a name a shell would interpret.
    const pwned = snapshot.clusters.find(c => c.name.startsWith('$('))!;
    const commands = pwned.checks.flatMap(c => c.remediation?.commands ?? []);
    expect(commands.filter(c => c.includes('$('))).toEqual([]);
    expect(
      pwned.checks.some(c =>
        c.remediation?.summary.includes('is not a plain name'),
      ),
    ).toBe(true);
  });

  it('turns an answer over maxResponseBytes into that source failing, with the limit named', async () => {
    server = await startLocalServer((req, res) => {
      if (req.url!.startsWith('/api/v1/targets')) {
        // Streamed without a length: the cap applies while reading, not only to the header.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(' '.repeat(4096));
        res.end(success({ activeTargets: [] }));
        return;
      }
      hostileOps(req, res);
    });
    const facts = await new OpsPrometheusCollector(
      options(server.url, { maxResponseBytes: 2048 }),
      [],
    ).collect();
    expect(facts.ok).toBe(false);
    expect((facts as { reason: string }).reason).toContain(
      'answer larger than 2048 bytes',
    );
  });
});
