import { FederationOverview } from '@promfed/plugin-prometheus-federation-common';
import { gunzipSync } from 'node:zlib';
import {
  LIST_REUSE_MS,
  ListBodyCache,
  encodeList,
  matches,
  withAge,
} from './listBody';

const overview = (generatedAt: string, ageSeconds = 5) =>
  ({
    generatedAt,
    ageSeconds,
    refreshIntervalSeconds: 60,
    opsPrometheus: { reachable: true },
    counts: { down: 0, degraded: 0, unknown: 0, healthy: 0 },
    sharedCauses: [],
    clusters: [],
    warnings: [],
  } as FederationOverview);

describe('list body', () => {
  it('keeps the age out of the body and its ETag', async () => {
    const a = await encodeList(overview('2026-12-01T00:00:00Z', 5));
    const b = await encodeList(overview('2026-12-01T00:00:00Z', 55));
    expect(a.etag).toBe(b.etag);
    expect(JSON.parse(gunzipSync(a.gzip).toString())).toEqual(
      JSON.parse(a.raw.toString()),
    );
    expect(JSON.parse(a.raw.toString())).not.toHaveProperty('ageSeconds');
    expect((await encodeList(overview('2026-12-01T00:01:00Z'))).etag).not.toBe(
      a.etag,
    );
  });

  it('matches If-None-Match lists, weak or strong', () => {
    expect(matches('"x", W/"y"', '"y"')).toBe(true);
    expect(matches('"x"', '"y"')).toBe(false);
    expect(matches(undefined, '"y"')).toBe(false);
  });

  it('reads the snapshot once per window, shares concurrent reads, encodes once per snapshot', async () => {
    let now = 0;
    let at = '2026-12-01T00:00:00Z';
    const load = jest.fn(async () => overview(at));
    const cache = new ListBodyCache(load, () => now);
    const [x, y] = await Promise.all([cache.get(), cache.get()]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(x).toBe(y);
    now += LIST_REUSE_MS;
    expect(await cache.get()).toBe(x); // read again, same snapshot: same bytes
    expect(load).toHaveBeenCalledTimes(2);
    at = '2026-12-01T00:01:00Z';
    now += LIST_REUSE_MS;
    expect((await cache.get()).generatedAt).toBe(at);
  });

  it('with a version, reads the whole list again only when the version changes', async () => {
    let now = 0;
    let at = '2026-12-01T00:00:00Z';
    let version: string | undefined = at;
    const load = jest.fn(async () => overview(at));
    const cache = new ListBodyCache(
      load,
      () => now,
      async () => version,
    );
    const first = await cache.get();
    now += LIST_REUSE_MS;
    expect(await cache.get()).toBe(first);
    now += LIST_REUSE_MS;
    expect(await cache.get()).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    at = '2026-12-01T00:01:00Z';
    version = at;
    now += LIST_REUSE_MS;
    expect((await cache.get()).generatedAt).toBe(at);
    expect(load).toHaveBeenCalledTimes(2);
    // No version (degraded store): the whole list each window.
    version = undefined;
    now += LIST_REUSE_MS;
    await cache.get();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('does not trust a version older than the list it read', async () => {
    let now = 0;
    const version = '2026-12-01T00:00:00Z';
    // A newer list landed between the version read and the list read.
    const load = jest.fn(async () => overview('2026-12-01T00:01:00Z'));
    const cache = new ListBodyCache(
      load,
      () => now,
      async () => version,
    );
    await cache.get();
    now += LIST_REUSE_MS;
    await cache.get();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("answers a refresh with its snapshot's body within the reuse window, and the list's bytes with the age", async () => {
    const now = 0;
    let at = '2026-12-01T00:00:00Z';
    const load = jest.fn(async () => overview(at));
    const cache = new ListBodyCache(load, () => now);
    const first = await cache.get();
    at = '2026-12-01T00:01:00Z';
    // A poll within the window keeps the bytes it has; the refresh's answer does not.
    expect(await cache.get()).toBe(first);
    const refreshed = await cache.get(at);
    expect(refreshed.generatedAt).toBe(at);
    expect(await cache.get()).toBe(refreshed);
    expect(load).toHaveBeenCalledTimes(2);
    expect(JSON.parse(withAge(refreshed, 7).toString())).toEqual({
      ...overview(at),
      ageSeconds: 7,
    });
  });

  it('checks again when a shared check began before the asked-for snapshot landed', async () => {
    const at = '2026-12-01T00:01:00Z';
    let release!: () => void;
    const gate = new Promise<void>(r => {
      release = r;
    });
    const load = jest
      .fn()
      // Read before the refresh's snapshot landed, answered after.
      .mockImplementationOnce(async () => {
        await gate;
        return overview('2026-12-01T00:00:00Z');
      })
      .mockImplementation(async () => overview(at));
    const cache = new ListBodyCache(load, () => 0);
    const poll = cache.get();
    const refreshed = cache.get(at);
    release();
    expect((await poll).generatedAt).toBe('2026-12-01T00:00:00Z');
    expect((await refreshed).generatedAt).toBe(at);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reads the whole list when the version cannot be read', async () => {
    const load = jest.fn(async () => overview('2026-12-01T00:00:00Z'));
    const cache = new ListBodyCache(load, Date.now, async () => {
      throw new Error('cache did not answer');
    });
    expect((await cache.get()).generatedAt).toBe('2026-12-01T00:00:00Z');
    expect(load).toHaveBeenCalledTimes(1);
  });
});
