import request from 'supertest';
import recorded from '../__fixtures__/prometheus-2.42.json';
import {
  auth,
  federationConfig,
  startBackend,
  TOKEN,
} from '../__testUtils__/federationBackend';
import {
  LocalServer,
  replayPrometheus,
  startLocalServer,
} from '../__testUtils__/localServer';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';

jest.setTimeout(60_000);

describe('audit trail of the routes', () => {
  let ops: LocalServer;
  beforeEach(async () => {
    ops = await startLocalServer(replayPrometheus(recorded));
  });
  afterEach(() => ops.close());

  it('audits each refresh with its request (the actor) and outcome: refreshed, rate-limited, refused', async () => {
    const audit = recordingAuditor();
    const server = await startBackend(
      federationConfig(ops.url, { refresh: { perUserPerMinute: 1 } }),
      { auditor: audit.auditor },
    );
    const refresh = () =>
      request(server).post('/api/prometheus-federation/refresh').set(auth);
    expect((await refresh()).status).toBe(200);
    expect((await refresh()).status).toBe(429);
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'refresh',
        hasRequest: true,
        outcome: 'success',
        outcomeMeta: { outcome: 'refreshed', generatedAt: expect.any(String) },
      }),
      expect.objectContaining({
        eventId: 'refresh',
        outcome: 'success',
        outcomeMeta: {
          outcome: 'rate-limited',
          retryAfterSeconds: expect.any(Number),
        },
      }),
    ]);

    const refused = recordingAuditor();
    const denied = await startBackend(federationConfig(ops.url), {
      deny: true,
      auditor: refused.auditor,
    });
    expect(
      (
        await request(denied)
          .post('/api/prometheus-federation/refresh')
          .set(auth)
      ).status,
    ).toBe(403);
    expect(refused.events).toEqual([
      expect.objectContaining({
        eventId: 'refresh',
        outcome: 'fail',
        error: expect.stringContaining('NotAllowedError'),
      }),
    ]);
  });

  it('audits a cost read with the cluster and its outcome', async () => {
    const audit = recordingAuditor();
    const server = await startBackend(federationConfig(ops.url), {
      auditor: audit.auditor,
    });
    await request(server)
      .get('/api/prometheus-federation/clusters/blue/cost')
      .set(auth);
    expect(audit.events).toEqual([
      expect.objectContaining({
        eventId: 'cost-read',
        hasRequest: true,
        meta: { cluster: 'blue' },
        outcome: expect.stringMatching(/success|fail/),
      }),
    ]);
    // No secret in any event: the ops Prometheus token never appears.
    expect(JSON.stringify(audit.events)).not.toContain(TOKEN);
  });
});
