import request from 'supertest';
import recorded from '../__fixtures__/prometheus-2.42.json';
import { rulesAnswer } from '../cost/__fixtures__';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import {
  auth,
  federationConfig,
  startBackend,
} from '../__testUtils__/federationBackend';

describe('GET /clusters/:name/cost', () => {
  let ops: LocalServer;

  beforeEach(async () => {
    // The recorded answers, plus every rule and a series count by name for blue.
    ops = await startLocalServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const q = url.searchParams.get('query') ?? '';
      let body: unknown = (recorded as Record<string, unknown>)[req.url!];
      if (url.pathname === '/api/v1/rules') body = rulesAnswer;
      else if (q.startsWith('count by (__name__)') || q.startsWith('deriv('))
        body = {
          status: 'success',
          data: {
            resultType: 'vector',
            result: q.startsWith('deriv(')
              ? []
              : [
                  { metric: { __name__: 'up' }, value: [0, '3'] },
                  { metric: { __name__: 'unused_total' }, value: [0, '97'] },
                ],
          },
        };
      else if (q.startsWith('{__name__=~"scrape_'))
        body = {
          status: 'success',
          data: { resultType: 'vector', result: [] },
        };
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? {}));
    });
  });
  afterEach(() => ops.close());

  it('answers the cost and the proposal of a known cluster, 404 for an unknown one', async () => {
    const server = await startBackend(federationConfig(ops.url));
    const res = await request(server)
      .get('/api/prometheus-federation/clusters/blue/cost')
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cluster: 'blue',
      job: 'federate-blue',
      volume: { series: 100, names: 2 },
      proposal: {
        keptNames: ['up'],
        droppedNames: ['unused_total'],
        savedPercent: 97,
      },
    });
    expect(
      (
        await request(server)
          .get('/api/prometheus-federation/clusters/nope/cost')
          .set(auth)
      ).status,
    ).toBe(404);
  });

  it('serves a kept answer again without reading ops Prometheus', async () => {
    const server = await startBackend(
      federationConfig(ops.url, {
        cost: { cacheSeconds: 60, perUserPerMinute: 1 },
      }),
    );
    const get = () =>
      request(server)
        .get('/api/prometheus-federation/clusters/blue/cost')
        .set(auth);
    expect((await get()).status).toBe(200);
    const countQueries = () =>
      ops.requests.filter(r =>
        decodeURIComponent(r.url!).includes(
          'count by (__name__) ({source_cluster="blue"',
        ),
      ).length;
    expect(countQueries()).toBe(1);
    // Kept: served again without a read, and without spending the budget.
    expect((await get()).status).toBe(200);
    expect(countQueries()).toBe(1);
  });

  it('answers 429 with Retry-After when a user starts too many reads', async () => {
    const server = await startBackend(
      federationConfig(ops.url, {
        cost: { cacheSeconds: 0, perUserPerMinute: 1 },
      }),
    );
    const get = () =>
      request(server)
        .get('/api/prometheus-federation/clusters/blue/cost')
        .set(auth);
    expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message: expect.stringContaining('Too many cost reads'),
    });
  });

  it('answers the proof of a known cluster from the same read, 404 for an unknown one', async () => {
    const server = await startBackend(federationConfig(ops.url));
    const res = await request(server)
      .get('/api/prometheus-federation/clusters/blue/proof')
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cluster: 'blue', job: 'federate-blue' });
    expect(
      (
        await request(server)
          .get('/api/prometheus-federation/clusters/nope/proof')
          .set(auth)
      ).status,
    ).toBe(404);
  });

  it('needs credentials and the read permission', async () => {
    const server = await startBackend(federationConfig(ops.url), {
      deny: true,
    });
    expect(
      (
        await request(server).get(
          '/api/prometheus-federation/clusters/blue/cost',
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await request(server)
          .get('/api/prometheus-federation/clusters/blue/cost')
          .set(auth)
      ).status,
    ).toBe(403);
  });
});
