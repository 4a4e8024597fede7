import {
  ClusterDetail,
  EntityFederation,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import request from 'supertest';
import recorded from '../__fixtures__/prometheus-2.42.json';
import {
  LocalServer,
  replayPrometheus,
  startLocalServer,
} from '../__testUtils__/localServer';
import {
  auth,
  AWS_SECRET,
  federationConfig,
  startBackend,
  TOKEN,
} from '../__testUtils__/federationBackend';

describe('prometheus-federation routes', () => {
  let ops: LocalServer;
  let writes: string[];
  let writeSpy: jest.SpyInstance[];
  const env = { ...process.env };

  beforeEach(async () => {
    process.env.AWS_SECRET_ACCESS_KEY = AWS_SECRET;
    ops = await startLocalServer(replayPrometheus(recorded));
    writes = [];
    writeSpy = [process.stdout, process.stderr].map(stream =>
      jest.spyOn(stream, 'write').mockImplementation(((chunk: any) => {
        writes.push(String(chunk));
        return true;
      }) as any),
    );
    const capture = (...args: unknown[]) => {
      writes.push(args.map(String).join(' '));
    };
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, level).mockImplementation(capture);
    }
  });

  afterEach(async () => {
    writeSpy.forEach(s => s.mockRestore());
    jest.restoreAllMocks();
    process.env = { ...env };
    await ops.close();
  });

  it('lists configured and federated clusters, with details, entity lookups and no secret anywhere', async () => {
    const server = await startBackend(federationConfig(ops.url));
    const list = await request(server)
      .get('/api/prometheus-federation/clusters')
      .set(auth);
    expect(list.status).toBe(200);
    const overview: FederationOverview = list.body;
    expect(overview.opsPrometheus).toEqual({ reachable: true });
    // blue is configured and federated (down: refused, the target heads, not the probe); green is
    // federated only (up, its checks not configured). Freshness is judged on ops Prometheus' clock
    // when it answered, so the recorded samples are fresh: green is healthy.
    expect(
      overview.clusters.map(c => [
        c.name,
        c.state,
        c.configured,
        c.federated,
        c.headline?.check,
      ]),
    ).toEqual([
      ['blue', 'down', true, true, 'target'],
      ['green', 'healthy', false, true, undefined],
    ]);
    expect(overview.counts).toEqual({
      down: 1,
      degraded: 0,
      unknown: 0,
      healthy: 1,
    });
    expect(overview.clusters[0].target).toMatchObject({
      health: 'down',
      cause: 'connection-refused',
    });
    expect(overview.clusters[0].firingAlerts).toEqual([
      expect.objectContaining({
        name: 'PrometheusFederationDown',
        state: 'firing',
      }),
    ]);
    expect(overview.clusters[0].links).toMatchObject({
      dashboards: [
        {
          title: 'Application Errors',
          url: 'https://grafana-ops.example.com/d/application-errors?var-source_cluster=blue',
        },
      ],
      prometheusTargets: `${ops.url}/targets?search=federate-blue`,
      prometheusGraph: `${ops.url}/graph?g0.expr=up%7Bjob%3D%22federate-blue%22%7D`,
      prometheusAlerts: `${ops.url}/alerts`,
    });
    expect(overview.warnings.map(w => w.id)).toEqual([
      'latency-alert-cannot-fire',
      'insecure-skip-verify',
      // The recorded federate-blue job copies every series ({__name__=~".+"}).
      'match-all-federate-selector',
    ]);
    expect(overview.clusters[0].stateSince).toBe(overview.generatedAt);
    expect((overview.clusters[0] as any).checks).toBeUndefined();

    const detail = await request(server)
      .get('/api/prometheus-federation/clusters/blue')
      .set(auth);
    expect(detail.status).toBe(200);
    const cluster = (detail.body as ClusterDetail).cluster;
    expect(cluster.checks.map(c => [c.id, c.result])).toEqual([
      ['ingress', 'not-configured'],
      ['dns', 'pass'],
      ['certificate', 'unknown'],
      ['security-group', 'not-configured'],
      ['connectivity', 'fail'],
      ['target', 'fail'],
      ['metrics', 'fail'],
      ['latency', 'pass'],
    ]);
    // The target's own cause heads (connection refused); the probe command is quoted for shells
    // and keeps the job's scheme, host and port.
    expect(cluster.remediation?.commands?.join('\n')).toMatch(
      /curl 'https:\/\/[^' ]+\/federate\?match\[\]=up'/,
    );
    expect(cluster.history).toEqual([
      {
        at: overview.generatedAt,
        to: 'down',
        headline: 'target',
        summary: expect.any(String),
      },
    ]);
    expect(cluster.warnings.map(w => w.id)).toEqual([
      'insecure-skip-verify',
      'match-all-federate-selector',
    ]);

    expect(
      (
        await request(server)
          .get('/api/prometheus-federation/clusters/purple')
          .set(auth)
      ).status,
    ).toBe(404);

    const byCluster = await request(server)
      .get('/api/prometheus-federation/entity?entityRef=resource:default/blue')
      .set(auth);
    expect(byCluster.status).toBe(200);
    expect((byCluster.body as EntityFederation).kind).toBe('cluster');
    const byApp = await request(server)
      .get(
        '/api/prometheus-federation/entity?entityRef=component:default/dareyscore',
      )
      .set(auth);
    expect(byApp.body).toMatchObject({
      kind: 'application',
      application: {
        application: 'dareyscore',
        clusters: expect.arrayContaining([
          expect.objectContaining({
            cluster: 'green',
            // Fresh on ops Prometheus' clock when it answered (the recording's).
            arriving: true,
            httpSeries: 60,
          }),
        ]),
      },
    });
    expect(
      (
        await request(server)
          .get(
            '/api/prometheus-federation/entity?entityRef=component:default/plain',
          )
          .set(auth)
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .get(
            '/api/prometheus-federation/entity?entityRef=component:default/missing',
          )
          .set(auth)
      ).status,
    ).toBe(404);

    const refreshed = await request(server)
      .post('/api/prometheus-federation/refresh')
      .set(auth);
    expect(refreshed.status).toBe(200);
    // The snapshot is younger than refresh.minAgeSeconds (30): the refresh answers it, no requests.
    expect(refreshed.body.generatedAt).toBe(list.body.generatedAt);
    expect(ops.requests.length).toBe(15);

    expect(writes.join('\n')).toContain('Plugin initialization');
    const everything = [
      list.text,
      detail.text,
      byCluster.text,
      byApp.text,
      refreshed.text,
      ...writes,
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(AWS_SECRET);
  });

  it('answers list polls with a strong ETag, 304 when unchanged, gzip when changed, the age in a header', async () => {
    const server = await startBackend(federationConfig(ops.url));
    const first = await request(server)
      .get('/api/prometheus-federation/clusters')
      .set(auth)
      .set('accept-encoding', 'gzip');
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[^W].*"$/);
    expect(etag).toContain(first.body.generatedAt);
    expect(first.body).not.toHaveProperty('ageSeconds');
    expect(
      Number(first.headers['x-snapshot-age-seconds']),
    ).toBeGreaterThanOrEqual(0);
    await new Promise(r => setTimeout(r, 1100));
    const poll = await request(server)
      .get('/api/prometheus-federation/clusters')
      .set(auth)
      .set('if-none-match', etag);
    expect(poll.status).toBe(304);
    expect(poll.headers.etag).toBe(etag);
    expect(poll.headers['x-snapshot-age-seconds']).toBeDefined();
    const other = await request(server)
      .get('/api/prometheus-federation/clusters')
      .set(auth)
      .set('accept-encoding', 'identity')
      .set('if-none-match', '"other"');
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBeUndefined();
    expect(other.body.generatedAt).toBe(first.body.generatedAt);
  });

  it('marks only the checks of a hanging ops Prometheus unknown, within the timeout', async () => {
    const hanging = await startLocalServer(() => {
      /* never answers */
    });
    try {
      const server = await startBackend(federationConfig(hanging.url));
      const started = Date.now();
      const res = await request(server)
        .get('/api/prometheus-federation/clusters/blue')
        .set(auth);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(200);
      const cluster = (res.body as ClusterDetail).cluster;
      expect(res.body.opsPrometheus).toMatchObject({
        reachable: false,
        error: '/api/v1/targets: timeout after 1 s',
      });
      expect(cluster.state).toBe('unknown');
      const byId = Object.fromEntries(cluster.checks.map(c => [c.id, c]));
      for (const id of ['target', 'metrics', 'latency']) {
        expect(byId[id]).toMatchObject({
          result: 'unknown',
          reason: expect.stringMatching(
            /^ops Prometheus \/api\/v1\/[a-z/]+.*: timeout after 1 s$/,
          ),
        });
      }
      // The other sources still answered.
      expect(byId.dns.result).toBe('pass');
      expect(byId.connectivity).toMatchObject({
        result: 'fail',
        cause: 'connection-refused',
      });
    } finally {
      await hanging.close();
    }
  });
});
