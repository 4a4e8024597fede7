import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KUBERNETES_AUTH_PROVIDER_ANNOTATION } from '@promfed/plugin-prometheus-federation-common';
import { Knex } from 'knex';
import {
  clusterEntity,
  discoveryOptions,
} from '../__testUtils__/clusterEntity';
import { FederationOptions } from '../config/options';
import {
  DiscoveryMemory,
  SharedDiscoveryMemory,
} from '../store/discoveryMemory';
import { HistoryStore } from '../store/historyStore';
import { SnapshotCopy } from '../store/snapshotCopy';
import { CatalogClusterSource } from './CatalogClusterSource';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const SECRET = 'sa-token-must-stay-in-config';

const options = {
  upstreamTimeoutSeconds: 1,
  clusters: [],
  aws: { opsSource: { cidr: '203.0.113.10/32' } },
  discovery: discoveryOptions({ serviceAccountTokens: { red: SECRET } }),
} as unknown as FederationOptions & {
  discovery: ReturnType<typeof discoveryOptions>;
};

const down = new Error('connect ECONNREFUSED 127.0.0.1:7007');

/** A backend process: its own catalog client and clock, the one shared database. */
function replica(
  memory: DiscoveryMemory,
  entities: () => Entity[] | Error,
  at: string,
) {
  const catalog = catalogServiceMock({ entities: [] });
  jest.spyOn(catalog, 'queryEntities').mockImplementation(async () => {
    const answer = entities();
    if (answer instanceof Error) throw answer;
    return {
      items: answer,
      totalItems: answer.length,
      pageInfo: {},
    };
  });
  const logger = mockServices.logger.mock();
  const source = new CatalogClusterSource({
    catalog,
    auth: mockServices.auth(),
    options,
    logger,
    memory,
    now: () => new Date(at),
  });
  return { source, logger };
}

async function sharedDatabase(): Promise<{
  knex: Knex;
  memory: DiscoveryMemory;
}> {
  const knex = await databases.init('SQLITE_3');
  await HistoryStore.create({ getClient: async () => knex }); // runs the migrations
  return {
    knex,
    memory: new SharedDiscoveryMemory(new SnapshotCopy(knex, 3000)),
  };
}

const names = (list: { clusters: { name: string; entityRef: string }[] }) =>
  list.clusters.map(c => `${c.name}=${c.entityRef}`);

describe('discovery memory shared through the database', () => {
  it('keeps the first known holder of a name across a restart or another replica', async () => {
    const { memory } = await sharedDatabase();
    const first = clusterEntity('blue', {}, { namespace: 'platform' });
    // Sorts before the holder: without shared memory a new replica would give it the name.
    const late = clusterEntity('blue', {}, { namespace: 'aaa' });
    const a = replica(memory, () => [first], '2026-12-07T01:00:00Z');
    expect(names(await a.source.clusters())).toEqual([
      'blue=resource:platform/blue',
    ]);

    const b = replica(memory, () => [late, first], '2026-12-07T01:01:00Z');
    const list = await b.source.clusters();
    expect(names(list)).toEqual(['blue=resource:platform/blue']);
    expect(list.warnings).toEqual([
      expect.objectContaining({
        id: 'catalog-cluster-refused',
        entityRef: 'resource:aaa/blue',
        message: expect.stringContaining(
          'cluster blue belongs to resource:platform/blue',
        ),
      }),
    ]);
  });

  it('serves the last known list on another replica while the catalog is down, since the first failure', async () => {
    const { knex, memory } = await sharedDatabase();
    const red = clusterEntity('red', {
      [KUBERNETES_AUTH_PROVIDER_ANNOTATION]: 'serviceAccount',
    });
    const a = replica(memory, () => [red], '2026-12-07T01:00:00Z');
    expect(names(await a.source.clusters())).toEqual([
      'red=resource:default/red',
    ]);
    const failing = replica(memory, () => down, '2026-12-07T01:05:00Z');
    await failing.source.clusters();

    // A replica that never read the catalog itself: the list and "since" come from the database.
    const fresh = replica(memory, () => down, '2026-12-07T01:06:00Z');
    const list = await fresh.source.clusters();
    expect(names(list)).toEqual(['red=resource:default/red']);
    // Checked again with this replica's settings: the token comes from config, not the database.
    expect(list.clusters[0].kubernetes?.token).toBe(SECRET);
    expect(list.warnings).toEqual([
      expect.objectContaining({
        id: 'catalog-unavailable',
        message:
          'The catalog cannot be read since 2026-12-07T01:05:00.000Z (Error: connect ECONNREFUSED 127.0.0.1:7007); the cluster list read at 2026-12-07T01:00:00.000Z is used.',
      }),
    ]);
    const stored = await knex('shared_snapshots').select('body');
    expect(JSON.stringify(stored)).not.toContain(SECRET);
  });

  it('writes the entity list only when it changed', async () => {
    const { knex, memory } = await sharedDatabase();
    const list = [clusterEntity('a')];
    const written = () =>
      knex('shared_snapshots')
        .where({ key: 'discovery-entities:v1' })
        .first('generated_at');
    await replica(memory, () => list, '2026-12-07T01:00:00Z').source.clusters();
    await replica(memory, () => list, '2026-12-07T01:01:00Z').source.clusters();
    expect(await written()).toEqual({
      generated_at: '2026-12-07T01:00:00.000Z',
    });
    list.push(clusterEntity('b'));
    await replica(memory, () => list, '2026-12-07T01:02:00Z').source.clusters();
    expect(await written()).toEqual({
      generated_at: '2026-12-07T01:02:00.000Z',
    });
  });

  it("falls back to this replica's own copy when the database fails", async () => {
    const broken: DiscoveryMemory = {
      state: () => Promise.reject(new Error('database did not answer')),
      saveState: () => Promise.reject(new Error('database did not answer')),
      entities: () => Promise.reject(new Error('database did not answer')),
      saveEntities: () => Promise.reject(new Error('database did not answer')),
    };
    let answer: Entity[] | Error = [clusterEntity('a')];
    const { source, logger } = replica(
      broken,
      () => answer,
      '2026-12-07T01:00:00Z',
    );
    expect(names(await source.clusters())).toEqual(['a=resource:default/a']);
    answer = down;
    const list = await source.clusters();
    expect(names(list)).toEqual(['a=resource:default/a']);
    expect(list.warnings.map(w => w.id)).toEqual(['catalog-unavailable']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "Could not read discovery's shared memory (the database): Error: database did not answer",
      ),
    );
  });
});
