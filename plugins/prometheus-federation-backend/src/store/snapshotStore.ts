import { CacheService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { FederationSnapshot } from '../triage/triageFederation';

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

  async getList(): Promise<FederationSnapshot | undefined> {
    return (await this.cache.get<JsonObject>(LIST_KEY)) as
      | FederationSnapshot
      | undefined;
  }

  async set(snapshot: FederationSnapshot): Promise<void> {
    const list = {
      ...snapshot,
      applications: undefined,
      clusters: snapshot.clusters.map(c => ({
        ...c,
        checks: [],
        history: [],
        warnings: [],
        remediation: undefined,
      })),
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
