import { CacheService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { FederationSnapshot } from '../triage/triageFederation';
import { FederationList, summaryOf } from './federationList';
import { SnapshotCopy } from './snapshotCopy';
import { decodeSnapshotValue, encodeSnapshotValue } from './snapshotEncoding';
import { StaleSnapshotCheck } from './staleSnapshotCheck';
import { Read } from './storeRead';
import { withTimeout } from './withTimeout';

/** Snapshot and list are stored encoded (snapshotEncoding): gzipped JSON as base64 text. */
const KEY = 'snapshot:v2';
/** The list view alone (no checks or evidence): the warm list route reads only this, a few kB. */
const LIST_KEY = 'list:v2';
/** The list's generatedAt alone: replicas poll it instead of re-reading the whole list. */
const VERSION_KEY = 'list-version:v2';
export const DEFAULT_CACHE_TIMEOUT_MS = 2000;
/** After a cache failure, reads skip the cache this long; one background read probes it. */
export const CACHE_RETRY_MS = 5000;
/** A cache down this long is reported once as an error (it may need a restart, see README). */
export const CACHE_DEAD_AFTER_MS = 60_000;
/** A read of the version key answers every read for this long (concurrent reads share it). */
export const VERSION_REUSE_MS = 1000;

const newer = <T extends { generatedAt: string }>(a?: T, b?: T) =>
  !a || (b && b.generatedAt > a.generatedAt) ? b : a;

export interface SnapshotStoreOptions {
  timeoutMs?: number;
  /** The database copy read when the cache fails or is empty. */
  copy?: SnapshotCopy;
  /** Told once when the cache has failed for CACHE_DEAD_AFTER_MS. */
  onCacheDead?: (problem: string) => void;
  /**
   * A snapshot older than this has missed its collection: the database (through the copy) is
   * then checked, since no collection runs while it is down (the scheduler locks through it).
   */
  staleAfterMs?: number;
  now?: () => number;
}

/**
 * The latest snapshot in coreServices.cache, shared by every replica of the backend. Each call
 * has a timeout; the last snapshot is also kept in memory, and in the database (when given a
 * copy), to serve while the cache is away.
 *
 * A cache that fails is skipped for CACHE_RETRY_MS (reads answer from the database copy or the
 * memory without waiting for it) and probed in the background until it answers again. This is
 * also what recovers from Backstage's Redis cache client not reconnecting after Redis restarts
 * (@keyv/redis 4.6.0 attaches no error listener to its @redis/client, whose socket error handler
 * then throws before reconnecting): the replicas share the database copy until the process
 * restarts.
 */
export class SnapshotStore {
  private memory?: FederationSnapshot;
  private memoryList?: FederationList;
  private readonly timeoutMs: number;
  private readonly copy?: SnapshotCopy;
  private readonly onCacheDead?: (problem: string) => void;
  private readonly now: () => number;
  /** Since when the cache fails, and why; undefined while it answers. */
  private down?: {
    since: number;
    retryAt: number;
    problem: string;
    told: boolean;
  };
  private probing = false;
  /** The database behind a stale snapshot, checked when there is a copy and a stale age. */
  private readonly staleCheck?: StaleSnapshotCheck;
  /** The last read of the version key, shared by the reads of the next VERSION_REUSE_MS. */
  private version?: {
    at: number;
    read: Promise<Read<{ generatedAt: string }>>;
  };

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
    options: SnapshotStoreOptions | number = {},
  ) {
    const o = typeof options === 'number' ? { timeoutMs: options } : options;
    this.timeoutMs = o.timeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS;
    this.copy = o.copy;
    this.onCacheDead = o.onCacheDead;
    this.now = o.now ?? Date.now;
    if (o.copy && o.staleAfterMs !== undefined)
      this.staleCheck = new StaleSnapshotCheck(
        o.copy,
        o.staleAfterMs,
        CACHE_RETRY_MS,
        this.now,
      );
  }

  async get(): Promise<Read<FederationSnapshot>> {
    const kept = await this.current(this.memory);
    if (kept) return kept;
    const read = await this.read<FederationSnapshot>(KEY);
    // The memory as it is now: a collection may have finished while the cache was awaited.
    this.memory = newer(this.memory, read.value);
    return this.checked({ value: this.memory, problem: read.problem });
  }

  async getList(): Promise<Read<FederationList>> {
    const kept = await this.current(this.memoryList);
    if (kept) return kept;
    const read = await this.read<FederationList>(LIST_KEY);
    this.memoryList = newer(this.memoryList, read.value);
    return this.checked({ value: this.memoryList, problem: read.problem });
  }

  /**
   * The copy in memory when the version key names it: the megabytes of the stored snapshot are
   * then neither read nor decoded (the collecting replica never reads its own back).
   */
  private async current<T extends { generatedAt: string }>(
    kept: T | undefined,
  ): Promise<Read<T> | undefined> {
    if (!kept) return undefined;
    const version = await this.readVersion();
    // Named by the cache, or newer than what it names (this replica's own collection): kept.
    if (
      version.problem ||
      !version.value ||
      version.value.generatedAt > kept.generatedAt
    )
      return undefined;
    return this.checked({ value: kept });
  }

  /** The version key, read at most once per VERSION_REUSE_MS: every route's read asks for it. */
  private readVersion(): Promise<Read<{ generatedAt: string }>> {
    const now = this.now();
    if (!this.version || now - this.version.at >= VERSION_REUSE_MS)
      this.version = { at: now, read: this.read(VERSION_KEY) };
    return this.version.read;
  }

  /**
   * The newest list's generatedAt, from a key of a few bytes (written after the list itself), so
   * that a replica reads the whole list only when it changed. Undefined when no version is stored.
   */
  async getListVersion(): Promise<Read<string>> {
    const read = await this.readVersion();
    const list = newer(this.memoryList, read.value);
    const { problem } = await this.checked({
      value: list,
      problem: read.problem,
    });
    return { value: list?.generatedAt, problem };
  }

  private async checked<T extends { generatedAt: string }>(
    read: Read<T>,
  ): Promise<Read<T>> {
    return this.staleCheck ? this.staleCheck.checked(read) : read;
  }

  /** The cache's value (the database copy when the cache has none), or why it could not be read. */
  private async read<T>(key: string): Promise<Read<T>> {
    if (this.down && this.now() < this.down.retryAt) {
      this.probe();
      return this.fromCopy<T>(key, this.down.problem);
    }
    try {
      const value = await this.fromCache<T>(key);
      if (value !== undefined || !this.copy) return { value };
      // Empty (Redis restarted without its data, or the key expired): the copy, if any.
      return {
        value: await this.copy
          .read<unknown>(key)
          .then(decodeSnapshotValue<T>)
          .catch(() => undefined),
      };
    } catch (error) {
      this.failed(error);
      return this.fromCopy<T>(key, String(error));
    }
  }

  private async fromCache<T>(key: string): Promise<T | undefined> {
    const value = await withTimeout('cache', this.timeoutMs, () =>
      this.cache.get<JsonObject | string>(key),
    );
    this.down = undefined;
    return decodeSnapshotValue<T>(value);
  }

  private async fromCopy<T>(key: string, problem: string): Promise<Read<T>> {
    if (!this.copy) return { problem };
    try {
      const value = await decodeSnapshotValue<T>(
        await this.copy.read<unknown>(key),
      );
      return {
        value,
        problem: `${problem} (the cache is skipped; serving the database copy)`,
      };
    } catch (error) {
      return { problem: `${problem}; ${String(error)}` };
    }
  }

  private failed(error: unknown) {
    const now = this.now();
    const since = this.down?.since ?? now;
    const told = this.down?.told ?? false;
    this.down = {
      since,
      retryAt: now + CACHE_RETRY_MS,
      problem: String(error),
      told,
    };
    if (!told && now - since >= CACHE_DEAD_AFTER_MS) {
      this.down.told = true;
      this.onCacheDead?.(
        `the shared cache has not answered for ${Math.round(
          (now - since) / 1000,
        )}s (${String(error)})`,
      );
    }
  }

  /** One background read at a time, to find out when the cache answers again. */
  private probe() {
    if (this.probing) return;
    this.probing = true;
    this.fromCache(LIST_KEY)
      .catch(error => this.failed(error))
      .finally(() => {
        this.probing = false;
      });
  }

  /**
   * Keeps the snapshot in memory, then in the cache and the database copy; throws when the cache
   * fails (the database copy, if written, still shares it).
   */
  async set(snapshot: FederationSnapshot): Promise<void> {
    const { applications: _a, ...rest } = snapshot;
    const list: FederationList = {
      ...rest,
      clusters: snapshot.clusters.map(summaryOf),
    };
    this.memory = snapshot;
    this.memoryList = list;
    // Encoded in slices, off the event loop's long stretches; both stores get the same text.
    const encodedSnapshot = await encodeSnapshotValue(snapshot);
    const encodedList = await encodeSnapshotValue(list);
    const at = snapshot.generatedAt;
    const database = this.copy;
    const copied = database
      ? database
          .write(at, [
            [KEY, encodedSnapshot],
            [LIST_KEY, encodedList],
            // The version last: a reader that sees it finds the list it names.
            [VERSION_KEY, { generatedAt: at }],
          ])
          .then(
            () => 'the database copy was written',
            error => `the database copy failed too: ${String(error)}`,
          )
      : Promise.resolve('');
    const cached =
      this.down && this.now() < this.down.retryAt
        ? Promise.reject(new Error(`cache skipped: ${this.down.problem}`))
        : withTimeout('cache', this.timeoutMs, () =>
            Promise.all([
              this.cache.set(KEY, encodedSnapshot, { ttl: this.ttlMs }),
              this.cache.set(LIST_KEY, encodedList, { ttl: this.ttlMs }),
            ]).then(() =>
              // The version last: a reader that sees it finds the list it names.
              this.cache.set(
                VERSION_KEY,
                { generatedAt: at },
                { ttl: this.ttlMs },
              ),
            ),
          ).then(
            () => {
              this.down = undefined;
            },
            error => {
              this.failed(error);
              throw error;
            },
          );
    const [cache, copy] = await Promise.allSettled([cached, copied]);
    // A version read while these were written names the previous snapshot.
    this.version = undefined;
    if (cache.status === 'rejected') {
      const note = copy.status === 'fulfilled' ? copy.value : '';
      throw new Error(`${String(cache.reason)}${note ? ` (${note})` : ''}`);
    }
  }
}
