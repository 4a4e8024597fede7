import request from 'supertest';
import recorded from '../__fixtures__/prometheus-2.42.json';
import {
  auth,
  federationConfig,
  startBackend,
} from '../__testUtils__/federationBackend';
import {
  LocalServer,
  replayPrometheus,
  startLocalServer,
} from '../__testUtils__/localServer';

jest.setTimeout(60_000);

describe('POST /refresh', () => {
  let ops: LocalServer;
  beforeEach(async () => {
    ops = await startLocalServer(replayPrometheus(recorded));
  });
  afterEach(() => ops.close());

  const refresh = (server: Parameters<typeof request>[0]) =>
    request(server).post('/api/prometheus-federation/refresh').set(auth);

  it('answers the current snapshot while it is younger than refresh.minAgeSeconds', async () => {
    const server = await startBackend(
      federationConfig(ops.url, { refresh: { minAgeSeconds: 3600 } }),
    );
    const first = await refresh(server);
    const second = await refresh(server);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.generatedAt).toBe(first.body.generatedAt);
    // One collection (fifteen requests) for both.
    expect(ops.requests.length).toBe(15);
  });

  it('collects a newer snapshot when the current one is older than the minimum age', async () => {
    const server = await startBackend(
      federationConfig(ops.url, { refresh: { minAgeSeconds: 0 } }),
    );
    const first = await refresh(server);
    const before = ops.requests.length;
    await new Promise(r => setTimeout(r, 10));
    const second = await refresh(server);
    expect(second.status).toBe(200);
    expect(second.body.generatedAt > first.body.generatedAt).toBe(true);
    // The answer is the list route's body with the age: the list serves the same snapshot.
    const list = await request(server)
      .get('/api/prometheus-federation/clusters')
      .set(auth);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect(second.body).toEqual({
      ...list.body,
      ageSeconds: Number(list.headers['x-snapshot-age-seconds']),
    });
    // One collection by the global task; the histogram buckets' count is kept (bucketCounts.ts).
    expect(ops.requests.length - before).toBe(14);
  });

  it('answers 429 with Retry-After and an error body beyond the per-user budget', async () => {
    const server = await startBackend(
      federationConfig(ops.url, { refresh: { perUserPerMinute: 2 } }),
    );
    expect((await refresh(server)).status).toBe(200);
    expect((await refresh(server)).status).toBe(200);
    const limited = await refresh(server);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({
      error: { name: 'TooManyRequestsError' },
      response: { statusCode: 429 },
    });
    expect(limited.body.error.message).toContain(`${retryAfter}s`);
    // The list route is not limited.
    expect(
      (
        await request(server)
          .get('/api/prometheus-federation/clusters')
          .set(auth)
      ).status,
    ).toBe(200);
  });

  it('refuses a negative minimum age, naming the key', async () => {
    await expect(
      startBackend(
        federationConfig(ops.url, { refresh: { minAgeSeconds: -1 } }),
      ),
    ).rejects.toThrow(/prometheusFederation\.refresh\.minAgeSeconds/);
  });
});
