import { CacheService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  ClusterStatus,
  ClusterSummary,
} from '@internal/plugin-prometheus-federation-common';
import { FederationSnapshot } from '../triage/triageFederation';
import { withTimeout } from './withTimeout';

/** A cluster as the list shows it: without checks, remediation, history or warnings. */
export function summaryOf(
  cluster: ClusterSummary & Partial<ClusterStatus>,
): ClusterSummary {
  const {
    checks: _c,
    remediation: _r,
    history: _h,
    warnings: _w,
    ...summary
  } = cluster;
  return summary;
}

/** A snapshot as the list route needs it: cluster summaries, no per-application series. */
export type FederationList = Omit<
  FederationSnapshot,
  'clusters' | 'applications'
> & { clusters: ClusterSummary[] };

const KEY = 'snapshot:v1';
/** The list view alone (no checks or evidence): the warm list route reads only this, a few kB. */
const LIST_KEY = 'list:v1';
export const DEFAULT_CACHE_TIMEOUT_MS = 2000;

/** What the cache gave, or the copy in memory with why the cache could not be read. */
export interface Read<T> {
  value?: T;
  /** Set when the cache failed and the value is this replica's last copy. */
  problem?: string;
}

const newer = <T extends { generatedAt: string }>(a?: T, b?: T) =>
  !a || (b && b.generatedAt > a.generatedAt) ? b : a;

/**
 * The latest snapshot in coreServices.cache, shared by every replica of the backend. Each call
 * has a timeout; the last snapshot is also kept in memory, to serve while the cache is away.
 */
export class SnapshotStore {
  private memory?: FederationSnapshot;
  private memoryList?: FederationList;

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
    private readonly timeoutMs = DEFAULT_CACHE_TIMEOUT_MS,
  ) {}

  async get(): Promise<Read<FederationSnapshot>> {
    const read = await this.read<FederationSnapshot>(KEY);
    // The memory as it is now: a collection may have finished while the cache was awaited.
    if (read.problem) return { value: this.memory, problem: read.problem };
    this.memory = newer(this.memory, read.value);
    return { value: this.memory };
  }

  async getList(): Promise<Read<FederationList>> {
    const read = await this.read<FederationList>(LIST_KEY);
    if (read.problem) return { value: this.memoryList, problem: read.problem };
    this.memoryList = newer(this.memoryList, read.value);
    return { value: this.memoryList };
  }

  /** The cache's value, or why it could not be read. */
  private async read<T>(key: string): Promise<Read<T>> {
    try {
      const value = await withTimeout('cache', this.timeoutMs, () =>
        this.cache.get<JsonObject>(key),
      );
      return { value: value as T | undefined };
    } catch (error) {
      return { problem: String(error) };
    }
  }

  /** Keeps the snapshot in memory, then in the cache; throws when the cache fails. */
  async set(snapshot: FederationSnapshot): Promise<void> {
    const { applications: _a, ...rest } = snapshot;
    const list: FederationList = JSON.parse(
      JSON.stringify({ ...rest, clusters: snapshot.clusters.map(summaryOf) }),
    );
    this.memory = snapshot;
    this.memoryList = list;
    await withTimeout('cache', this.timeoutMs, () =>
      Promise.all([
        this.cache.set(KEY, snapshot as unknown as JsonObject, {
          ttl: this.ttlMs,
        }),
        this.cache.set(LIST_KEY, list as unknown as JsonObject, {
          ttl: this.ttlMs,
        }),
      ]),
    );
  }
}
