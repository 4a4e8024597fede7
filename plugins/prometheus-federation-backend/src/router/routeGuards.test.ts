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
} from '../__testUtils__/federationBackend';

describe('prometheus-federation routes: credentials, permissions and configuration', () => {
  let ops: LocalServer;
  const env = { ...process.env };

  beforeEach(async () => {
    process.env.AWS_SECRET_ACCESS_KEY = AWS_SECRET;
    ops = await startLocalServer(replayPrometheus(recorded));
  });

  afterEach(async () => {
    process.env = { ...env };
    await ops.close();
  });

  it('answers 401 without credentials on every route', async () => {
    const server = await startBackend(federationConfig(ops.url));
    for (const [method, path] of [
      ['get', '/clusters'],
      ['get', '/clusters/blue'],
      ['get', '/clusters/blue/cost'],
      ['get', '/clusters/blue/proof'],
      ['get', '/onboarding'],
      ['get', '/clusters/blue/onboarding'],
      ['post', '/refresh'],
      ['get', '/entity?entityRef=resource:default/blue'],
    ] as const) {
      const res = await request(server)[method](
        `/api/prometheus-federation${path}`,
      );
      expect(res.status).toBe(401);
    }
  });

  it('answers 403 when the permission is denied', async () => {
    const server = await startBackend(federationConfig(ops.url), {
      deny: true,
    });
    // Twice each: a read decision reused for the user is the denial again.
    for (const path of [
      '/clusters',
      '/clusters',
      '/clusters/blue',
      '/clusters/blue/cost',
      '/clusters/blue/proof',
      '/onboarding',
      '/clusters/blue/onboarding',
      '/entity?entityRef=resource:default/blue',
    ]) {
      const res = await request(server)
        .get(`/api/prometheus-federation${path}`)
        .set(auth);
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body.error.message).toBe(
        'Missing permission prometheus-federation.status.read',
      );
    }
    expect(
      (
        await request(server)
          .post('/api/prometheus-federation/refresh')
          .set(auth)
      ).status,
    ).toBe(403);
  });

  it('refuses to start on bad config, naming the key', async () => {
    const bad = federationConfig(ops.url, {
      clusters: [
        { name: 'blue', prometheus: { host: 'prometheus-blue.example.com' } },
        {
          name: 'green',
          prometheus: { host: 'prometheus-green.example.com' },
          aws: { region: 'eu-west-1', nodeSecurityGroupId: 'green-nodes' },
        },
      ],
    });
    await expect(startBackend(bad)).rejects.toThrow(
      'prometheusFederation.clusters[1].aws.nodeSecurityGroupId must be an sg- id, got "green-nodes"',
    );
  });

  it('serves an empty overview when prometheusFederation is absent', async () => {
    const server = await startBackend({});
    const res = await request(server)
      .get('/api/prometheus-federation/clusters')
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      clusters: [],
      opsPrometheus: {
        reachable: false,
        error: 'prometheusFederation is not configured',
      },
    });
  });
});
