import { TestDatabases } from '@backstage/backend-test-utils';
import { CacheService } from '@backstage/backend-plugin-api';
import { FederationSnapshot } from '../triage/triageFederation';
import { HistoryStore } from './historyStore';
import { SnapshotCopy } from './snapshotCopy';
import {
  CACHE_DEAD_AFTER_MS,
  CACHE_RETRY_MS,
  SnapshotStore,
  VERSION_REUSE_MS,
} from './snapshotStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const snapshot = (generatedAt: string) =>
  ({
    generatedAt,
    clusters: [],
    applications: [],
    warnings: [],
  } as unknown as FederationSnapshot);

/** A cache that answers, or hangs like Backstage's Redis client after its socket closed. */
function cache() {
  const data = new Map<string, unknown>();
  const state = { dead: false, calls: 0 };
  const hang = () => new Promise<never>(() => {});
  const service = {
    get: async (k: string) => {
      state.calls++;
      return state.dead ? hang() : data.get(k);
    },
    set: async (k: string, v: unknown) => {
      state.calls++;
      if (state.dead) return hang();
      data.set(k, v);
      return undefined;
    },
  } as unknown as CacheService;
  return { service, state, data };
}

describe('SnapshotStore', () => {
  it('stores the snapshot encoded, and the replica that wrote it never reads its megabytes back', async () => {
    const c = cache();
    const reads: string[] = [];
    const get = c.service.get.bind(c.service);
    c.service.get = (async (key: string) => {
      reads.push(key);
      return get(key);
    }) as CacheService['get'];
    const writer = new SnapshotStore(c.service, 60_000);
    const written = {
      ...snapshot('2026-11-30T00:00:00.000Z'),
      clusters: [{ name: 'blue', state: 'healthy', checks: [] }],
    } as unknown as FederationSnapshot;
    await writer.set(written);
    // One short string per key: the cache client's serialiser walks no objects.
    expect(typeof c.data.get('snapshot:v2')).toBe('string');
    expect((await writer.get()).value).toBe(written);
    expect((await writer.getList()).value?.clusters).toEqual([
      { name: 'blue', state: 'healthy' },
    ]);
    // One read of the version key answers both reads.
    expect(reads).toEqual(['list-version:v2']);

    // Another replica decodes it once, then keeps its copy while the version holds.
    const reader = new SnapshotStore(c.service, 60_000);
    reads.length = 0;
    expect((await reader.get()).value).toEqual(written);
    expect((await reader.get()).value?.clusters[0].name).toBe('blue');
    expect(reads).toEqual(['snapshot:v2', 'list-version:v2']);
  });

  it('shares the snapshot through the database copy while the cache hangs, and skips it', async () => {
    const knex = await databases.init('SQLITE_3');
    await HistoryStore.create({ getClient: async () => knex });
    let now = 0;
    const c = cache();
    const dead: string[] = [];
    const options = (onCacheDead?: (p: string) => void) => ({
      timeoutMs: 50,
      copy: new SnapshotCopy(knex, 1000),
      now: () => now,
      onCacheDead,
    });
    const writer = new SnapshotStore(c.service, 60_000, options());
    const reader = new SnapshotStore(
      c.service,
      60_000,
      options(p => dead.push(p)),
    );
    await writer.set(snapshot('2026-11-30T00:00:00.000Z'));
    c.state.dead = true;
    await expect(
      writer.set(snapshot('2026-11-30T00:01:00.000Z')),
    ).rejects.toThrow(/cache did not answer.*the database copy was written/);
    const read = await reader.getList();
    expect(read.value?.generatedAt).toBe('2026-11-30T00:01:00.000Z');
    expect(read.problem).toMatch(/serving the database copy/);
    // Skipped: the next reads do not wait for the cache (one background probe at a time).
    const calls = c.state.calls;
    const started = Date.now();
    await Promise.all([1, 2, 3].map(() => reader.get()));
    expect(Date.now() - started).toBeLessThan(50);
    expect(c.state.calls - calls).toBeLessThanOrEqual(1);
    // An older snapshot written late does not replace the newer copy.
    await writer
      .set(snapshot('2026-11-30T00:00:30.000Z'))
      .catch(() => undefined);
    expect((await reader.get()).value?.generatedAt).toBe(
      '2026-11-30T00:01:00.000Z',
    );
    // Told once after a minute.
    now += CACHE_DEAD_AFTER_MS + CACHE_RETRY_MS;
    await reader.get();
    await new Promise(r => setTimeout(r, 100));
    now += CACHE_RETRY_MS;
    await reader.get();
    await new Promise(r => setTimeout(r, 100));
    expect(dead).toHaveLength(1);
    // The cache answers again: read from it after the retry time.
    c.state.dead = false;
    c.data.clear();
    now += CACHE_RETRY_MS;
    await reader.get();
    await new Promise(r => setTimeout(r, 100));
    await writer
      .set(snapshot('2026-11-30T00:02:00.000Z'))
      .catch(() => undefined);
    now += CACHE_RETRY_MS;
    await writer.set(snapshot('2026-11-30T00:03:00.000Z'));
    const back = await reader.getList();
    expect(back).toEqual({
      value: expect.objectContaining({
        generatedAt: '2026-11-30T00:03:00.000Z',
      }),
      problem: undefined,
    });
  });

  it("serves the list's version from a small key another replica wrote, and the database copy", async () => {
    const knex = await databases.init('SQLITE_3');
    await HistoryStore.create({ getClient: async () => knex });
    const c = cache();
    let now = 0;
    const options = {
      timeoutMs: 50,
      copy: new SnapshotCopy(knex, 1000),
      now: () => now,
    };
    const writer = new SnapshotStore(c.service, 60_000, options);
    const reader = new SnapshotStore(c.service, 60_000, options);
    expect((await reader.getListVersion()).value).toBeUndefined();
    await writer.set(snapshot('2026-11-30T00:00:00.000Z'));
    expect(c.data.get('list-version:v2')).toEqual({
      generatedAt: '2026-11-30T00:00:00.000Z',
    });
    // The version read is reused for VERSION_REUSE_MS, then read again.
    const calls = c.state.calls;
    now += VERSION_REUSE_MS - 1;
    expect((await reader.getListVersion()).value).toBeUndefined();
    expect(c.state.calls).toBe(calls);
    now += 1;
    expect(await reader.getListVersion()).toEqual({
      value: '2026-11-30T00:00:00.000Z',
      problem: undefined,
    });
    // The cache lost its data: the database copy's version.
    c.data.clear();
    now += VERSION_REUSE_MS;
    expect((await reader.getListVersion()).value).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('names a database outage behind a stale snapshot, as it names a cache outage', async () => {
    const knex = await databases.init('SQLITE_3');
    await HistoryStore.create({ getClient: async () => knex });
    let now = Date.parse('2026-12-01T00:00:00Z');
    const database = { down: false };
    const copy = new SnapshotCopy(knex, 1000);
    const ping = copy.ping.bind(copy);
    jest
      .spyOn(copy, 'ping')
      .mockImplementation(() =>
        database.down
          ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25432'))
          : ping(),
      );
    const store = new SnapshotStore(cache().service, 600_000, {
      copy,
      staleAfterMs: 40_000,
      now: () => now,
    });
    await store.set(snapshot(new Date(now).toISOString()));
    database.down = true;
    // Young: nothing to say, and no check.
    now += 30_000;
    expect((await store.getList()).problem).toBeUndefined();
    expect(copy.ping).not.toHaveBeenCalled();
    // Stale with the database down: the problem, on every read kind.
    now += 30_000;
    expect((await store.getList()).problem).toContain(
      'ECONNREFUSED 127.0.0.1:25432',
    );
    expect((await store.get()).problem).toContain('the database is down');
    expect((await store.getListVersion()).problem).toContain(
      'the database is down',
    );
    // Checked once per retry period, then again: up again, the problem goes.
    expect(copy.ping).toHaveBeenCalledTimes(1);
    database.down = false;
    now += CACHE_RETRY_MS;
    expect((await store.getList()).problem).toBeUndefined();
  });
});
