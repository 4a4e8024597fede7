import { CacheService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  ClusterStatus,
  ClusterSummary,
} from '@internal/plugin-prometheus-federation-common';
import { FederationSnapshot } from '../triage/triageFederation';

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

/** The latest snapshot in coreServices.cache, shared by every replica of the backend. */
export class SnapshotStore {
  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
  ) {}

  async get(): Promise<FederationSnapshot | undefined> {
    return (await this.cache.get<JsonObject>(KEY)) as
      | FederationSnapshot
      | undefined;
  }

  async getList(): Promise<FederationList | undefined> {
    return (await this.cache.get<JsonObject>(LIST_KEY)) as
      | FederationList
      | undefined;
  }

  async set(snapshot: FederationSnapshot): Promise<void> {
    const { applications: _a, ...rest } = snapshot;
    const list: FederationList = {
      ...rest,
      clusters: snapshot.clusters.map(summaryOf),
    };
    await Promise.all([
      this.cache.set(KEY, snapshot as unknown as JsonObject, {
        ttl: this.ttlMs,
      }),
      this.cache.set(LIST_KEY, JSON.parse(JSON.stringify(list)) as JsonObject, {
        ttl: this.ttlMs,
      }),
    ]);
  }
}
