import request from 'supertest';
import recorded from '../__fixtures__/prometheus-2.42.json';
import { clusterEntity } from '../__testUtils__/clusterEntity';
import {
  LocalServer,
  replayPrometheus,
  startLocalServer,
} from '../__testUtils__/localServer';
import {
  auth,
  federationConfig,
  startBackend,
} from '../__testUtils__/federationBackend';

// Only the entity a cluster belongs to (app-config's, or the holder discovery accepted) shows the
// cluster's health: an entity that merely carries the annotation claims nothing.
describe('GET /entity trusts only the cluster entity', () => {
  let ops: LocalServer;

  beforeEach(async () => {
    ops = await startLocalServer(replayPrometheus(recorded));
  });

  afterEach(() => ops.close());

  const entityOf = (server: any, ref: string) =>
    request(server)
      .get(
        `/api/prometheus-federation/entity?entityRef=${encodeURIComponent(
          ref,
        )}`,
      )
      .set(auth);

  /** The refusal's message, after checking that it is a 404 with no cluster in it. */
  const refusalOf = async (server: any, ref: string) => {
    const res = await entityOf(server, ref);
    expect(res.status).toBe(404);
    expect(res.body.cluster).toBeUndefined();
    return res.body.error.message as string;
  };

  // blue is configured (resource:default/blue); green is federated only.
  const claimants = [
    clusterEntity('blue', {}, { namespace: 'sandbox' }),
    clusterEntity('green'),
  ];

  it('answers the cluster entity, and names the owner to any other claimant', async () => {
    const server = await startBackend(federationConfig(ops.url), {
      entities: claimants,
    });
    const own = await entityOf(server, 'Resource:default/blue');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      kind: 'cluster',
      cluster: { name: 'blue' },
    });

    expect(await refusalOf(server, 'resource:sandbox/blue')).toBe(
      'resource:sandbox/blue does not stand for cluster "blue": the cluster belongs to resource:default/blue',
    );
    // A federate job nobody describes: the annotation alone does not make green this entity's.
    expect(await refusalOf(server, 'resource:default/green')).toContain(
      'no configured or discovered cluster entity names it',
    );
  });

  it("gives a refused entity discovery's reason", async () => {
    const server = await startBackend(
      federationConfig(ops.url, {
        aws: { opsSource: { cidr: '203.0.113.10/32' } },
        discovery: {
          allowedHosts: ['*.example.com'],
          allowedApiServers: ['https://*.eks.amazonaws.com'],
          allowedRegions: ['eu-*'],
        },
      }),
      {
        entities: [
          ...claimants,
          // Claims green too: the first by ref keeps it, this one is refused.
          clusterEntity('green', {}, { namespace: 'zz-late' }),
        ],
      },
    );
    const holder = await entityOf(server, 'resource:default/green');
    expect(holder.status).toBe(200);
    expect(holder.body.cluster).toMatchObject({
      name: 'green',
      entityRef: 'resource:default/green',
    });
    expect(await refusalOf(server, 'resource:zz-late/green')).toBe(
      'resource:zz-late/green does not stand for cluster "green": Catalog entity resource:zz-late/green (cluster green) is not used: cluster green belongs to resource:default/green; one entity per cluster. Nothing it names is contacted.',
    );
    expect(await refusalOf(server, 'resource:sandbox/blue')).toContain(
      'cluster blue belongs to resource:default/blue; one entity per cluster',
    );
  });
});
