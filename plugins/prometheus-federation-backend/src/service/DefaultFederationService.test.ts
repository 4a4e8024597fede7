import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CacheService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFederationConfig } from '../config/readFederationConfig';
import { HistoryStore } from '../store/historyStore';
import { SnapshotStore, VERSION_REUSE_MS } from '../store/snapshotStore';
import { triageFederation } from '../triage/triageFederation';
import { SnapshotCollector } from '../worker/SnapshotCollector';
import { DefaultFederationService } from './DefaultFederationService';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const config = readFederationConfig(
  new ConfigReader({
    prometheusFederation: {
      opsPrometheus: { url: 'http://ops.example:9090' },
      clusters: [{ name: 'blue', prometheus: { host: 'blue.example.com' } }],
    },
  }),
)!;

/** A collector whose ops Prometheus is never reachable: every snapshot has blue, unknown. */
function collector() {
  const collect = jest.fn(async () =>
    triageFederation(
      {
        collectedAt: Date.now() / 1000,
        ops: { ok: false, reason: 'refused' },
        clusters: Object.create(null),
      },
      config,
    ),
  );
  return { collect, close: jest.fn() } as unknown as SnapshotCollector & {
    collect: jest.Mock;
    close: jest.Mock;
  };
}

/** A memory cache that can be made to hang or fail. */
function flakyCache() {
  const data = new Map<string, unknown>();
  const state = { mode: 'ok' as 'ok' | 'hang' | 'fail' };
  const fault = () =>
    state.mode === 'hang'
      ? new Promise<never>(() => {})
      : Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379'));
  const cache = {
    get: async (key: string) => (state.mode === 'ok' ? data.get(key) : fault()),
    set: async (key: string, value: unknown) => {
      if (state.mode !== 'ok') return fault();
      data.set(key, value);
      return undefined;
    },
    delete: async () => undefined,
    withOptions: () => cache,
  } as unknown as CacheService;
  return { cache, state, data };
}

async function service(cache: CacheService) {
  const knex = await databases.init('SQLITE_3');
  // The database hangs while `db.hang` is set.
  const db = { hang: false };
  const flakyKnex = new Proxy(knex, {
    get: (target, prop, receiver) =>
      prop === 'transaction' && db.hang
        ? () => new Promise(() => {})
        : Reflect.get(target, prop, receiver),
  });
  const logger = mockServices.logger.mock();
  const facts = collector();
  const federation = new DefaultFederationService({
    config,
    collector: facts,
    history: await HistoryStore.create(
      { getClient: async () => flakyKnex },
      200,
    ),
    snapshots: new SnapshotStore(cache, 60_000, 200),
    catalog: catalogServiceMock(),
    logger,
  });
  return { federation, facts, logger, knex, db };
}

/**
 * A replica whose collection is the scheduler's global task: the trigger runs it "somewhere
 * else" (here, on this service) shortly after it is asked.
 */
async function replicaWithGlobalTask(
  collectionLimitMs?: number,
  busyTriggers = 0,
  options = config,
) {
  const { cache } = flakyCache();
  const knex = await databases.init('SQLITE_3');
  const facts = collector();
  const otherReplica: { service?: DefaultFederationService } = {};
  const logger = mockServices.logger.mock();
  // The first `busyTriggers` asks find the task still running (the scheduler's ConflictError).
  let asks = 0;
  const trigger = jest.fn(async () => {
    if (++asks <= busyTriggers)
      throw new Error('ConflictError: task is running');
    setTimeout(() => otherReplica.service!.collectOnSchedule(), 300);
  });
  const federation = new DefaultFederationService({
    config: options,
    collector: facts,
    history: await HistoryStore.create({ getClient: async () => knex }),
    snapshots: new SnapshotStore(cache, 60_000),
    catalog: catalogServiceMock(),
    logger,
    trigger,
    waitMs: 5000,
    collectionLimitMs,
  });
  otherReplica.service = federation;
  return { federation, facts, trigger, logger };
}

describe('DefaultFederationService', () => {
  it('serves the last snapshot, with its age and a warning, while the cache hangs', async () => {
    const { cache, state } = flakyCache();
    const { federation } = await service(cache);
    const first = await federation.overview();
    expect(first.warnings).toEqual([]);

    state.mode = 'hang';
    // Found at the next read of the list's version, after the last one's reuse.
    await new Promise(r => setTimeout(r, VERSION_REUSE_MS));
    const started = Date.now();
    const served = await federation.overview();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(served.generatedAt).toBe(first.generatedAt);
    expect(served.warnings[0]).toMatchObject({ id: 'backend-degraded' });
    expect(served.warnings[0].message).toContain(
      'cache did not answer within 200 ms',
    );
    expect((await federation.detail('blue'))?.cluster.name).toBe('blue');
  });

  it('serves the newest snapshot while the cache hangs, even with reads pending across a collection', async () => {
    const { cache, state } = flakyCache();
    const { federation } = await service(cache);
    await federation.collectOnSchedule();
    state.mode = 'hang';
    const before = (await federation.overview()).generatedAt;
    // A read that waits on the cache while a collection finishes must not bring back the older
    // snapshot: the collection reads (200 ms timeout), then keeps its snapshot in memory.
    const collection = federation.collectOnSchedule();
    await new Promise(r => setTimeout(r, 100));
    const pending = federation.overview();
    await Promise.all([collection, pending]);
    const after = (await federation.overview()).generatedAt;
    expect(after > before).toBe(true);
  });

  it('collects and serves when the cache set throws; the snapshot stays in memory', async () => {
    const { cache, state } = flakyCache();
    const { federation, logger } = await service(cache);
    state.mode = 'fail';
    await federation.collectOnSchedule();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not store the federation snapshot'),
    );
    expect(logger.error).not.toHaveBeenCalled();
    const served = await federation.overview();
    expect(served.clusters.map(c => c.name)).toEqual(['blue']);
    expect(served.warnings[0].id).toBe('backend-degraded');
  });

  it('keeps collecting while the database hangs, and the history catches up', async () => {
    const { cache } = flakyCache();
    const { federation, logger, knex, db } = await service(cache);
    db.hang = true;
    await federation.collectOnSchedule();
    const during = await federation.overview();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('database did not answer within 200 ms'),
    );
    expect(during.clusters[0].stateSince).toBe(during.generatedAt);

    db.hang = false;
    await new Promise(r => setTimeout(r, 5));
    await federation.collectOnSchedule();
    // Recorded once, at the time of the snapshot taken while the database hung.
    const rows = await knex('state_transitions').select('cluster', 'at');
    expect(rows).toEqual([{ cluster: 'blue', at: during.generatedAt }]);
    expect((await federation.detail('blue'))?.cluster.history).toHaveLength(1);
  });

  it('lets go of a collection when the scheduler aborts it', async () => {
    const { cache } = flakyCache();
    const { federation, facts, logger } = await service(cache);
    facts.collect.mockImplementationOnce(() => new Promise(() => {}));
    const controller = new AbortController();
    const run = federation.collectOnSchedule(controller.signal);
    controller.abort();
    await run;
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('aborted by the scheduler'),
    );
  });

  it('answers a cold read at once with the first snapshot due, then serves the global task', async () => {
    const { federation, facts, trigger } = await replicaWithGlobalTask(20_000);
    const started = Date.now();
    const [a, b] = await Promise.all([
      federation.overview(),
      federation.overview(),
    ]);
    expect(Date.now() - started).toBeLessThan(250);
    expect(trigger).toHaveBeenCalledTimes(1);
    expect(a.clusters).toEqual([]);
    expect(a.collecting?.dueInSeconds).toBe(20);
    expect(b.collecting?.since).toBe(a.collecting?.since);
    // A cluster's read does not wait either: 503 with the due time.
    await expect(federation.detail('blue')).rejects.toThrow(
      /first snapshot is due in \d+ s/,
    );
    await new Promise(r => setTimeout(r, 600));
    const after = await federation.overview();
    expect(after.collecting).toBeUndefined();
    expect(after.clusters.map(c => c.name)).toEqual(['blue']);
    expect(facts.collect).toHaveBeenCalledTimes(1);
  });

  it('waits for the global task on a refresh instead of collecting itself', async () => {
    const { federation, facts, trigger } = await replicaWithGlobalTask();
    const [a, b] = await Promise.all([
      federation.refresh(),
      federation.refresh(),
    ]);
    expect(trigger).toHaveBeenCalledTimes(1);
    expect(facts.collect).toHaveBeenCalledTimes(1);
    expect(a.generatedAt).toBe(b.generatedAt);
  });

  it('asks again while a refresh waits, when its first ask found the last run still finishing', async () => {
    const { federation, facts, trigger } = await replicaWithGlobalTask(
      undefined,
      1,
      { ...config, refresh: { ...config.refresh, minAgeSeconds: 0 } },
    );
    await federation.collectOnSchedule();
    const before = (await federation.overview()).generatedAt;
    const started = Date.now();
    const after = await federation.refresh();
    expect(after.generatedAt > before).toBe(true);
    // Well within the wait (5 s): the second ask ran the task.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(trigger.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(facts.collect).toHaveBeenCalledTimes(2);
  });

  it('lets go of the running collection when stopped, and starts none after', async () => {
    const { federation, facts, logger } = await replicaWithGlobalTask();
    let collectSignal: AbortSignal | undefined;
    facts.collect.mockImplementation(
      (_clusters: unknown, signal: AbortSignal) => {
        collectSignal = signal;
        return new Promise(() => {});
      },
    );
    const run = federation.collectOnSchedule();
    await new Promise(r => setTimeout(r, 50));
    federation.stop();
    await run;
    expect(logger.info).toHaveBeenCalledWith(
      'Federation collection abandoned: the backend stops',
    );
    // The collector was handed the signal: its queued upstream reads do not start.
    expect(collectSignal?.aborted).toBe(true);
    // Its reads in flight end and its kept-alive sockets close.
    expect(facts.close).toHaveBeenCalledTimes(1);
    await federation.collectOnSchedule();
    expect(facts.collect).toHaveBeenCalledTimes(1);
  });

  it('answers a refresh still waiting for the global task with 503 when stopped', async () => {
    const { federation, trigger } = await replicaWithGlobalTask();
    trigger.mockImplementation(async () => undefined); // runs, never stores
    const refresh = federation.refresh();
    await new Promise(r => setTimeout(r, 100));
    federation.stop();
    await expect(refresh).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'the backend is stopping',
    });
  });
});
