import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CheckId,
  ClusterState,
  ClusterStatus,
  StateTransition,
} from '@promfed/plugin-prometheus-federation-common';
import { Knex } from 'knex';
import { Pacer } from '../cost/pacer';
import { withTimeout } from './withTimeout';

const migrationsDir = resolvePackagePath(
  '@promfed/plugin-prometheus-federation-backend',
  'migrations',
);

/** How many transitions a cluster keeps. */
export const HISTORY_LENGTH = 50;
/** A cluster neither configured nor federated for this long loses its history. */
export const DISAPPEARED_AFTER_MS = 7 * 24 * 3600 * 1000;
/** Snapshots kept while the database is away, to catch up with when it returns. */
export const PENDING_LENGTH = 500;
export const DEFAULT_DATABASE_TIMEOUT_MS = 3000;

interface StateRow {
  cluster: string;
  state: string;
  since: string;
}

type Entry = Pick<ClusterStatus, 'name' | 'state' | 'headline'>;
interface Pending {
  clusters: Entry[];
  at: string;
}

/**
 * State changes per cluster, in the plugin's database: "down since" and a short history. Every
 * write is idempotent (a unique key on cluster, time and state), so that replicas and replays
 * after an outage record each transition once.
 */
/** Rows per insert: under SQLite's 500 terms in a compound SELECT (and its bound-variable limit). */
export const INSERT_BATCH = 100;

function insertBatches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    out.push(rows.slice(i, i + INSERT_BATCH));
  return out;
}

export class HistoryStore {
  private pending: Pending[] = [];

  private constructor(
    private readonly db: Knex,
    private readonly timeoutMs: number,
  ) {}

  static async create(
    database: DatabaseService,
    timeoutMs = DEFAULT_DATABASE_TIMEOUT_MS,
  ): Promise<HistoryStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new HistoryStore(client, timeoutMs);
  }

  /** Snapshots waiting for the database. */
  get backlog(): number {
    return this.pending.length;
  }

  /**
   * Records the clusters whose state changed; returns when each entered its current state. When
   * the database fails, the snapshot waits in memory and the next call writes it first, in order.
   */
  async record(clusters: Entry[], at: string): Promise<Map<string, string>> {
    const last = this.pending[this.pending.length - 1];
    const same =
      last &&
      last.clusters.length === clusters.length &&
      last.clusters.every(
        (c, i) => c.name === clusters[i].name && c.state === clusters[i].state,
      );
    // Unchanged snapshots add nothing to the history: keep one of them.
    if (same) last.at = last.at < at ? last.at : at;
    else
      this.pending.push({
        clusters: clusters.map(c => ({
          name: c.name,
          state: c.state,
          headline: c.headline,
        })),
        at,
      });
    if (this.pending.length > PENDING_LENGTH) this.pending.shift();

    let since = new Map<string, string>();
    while (this.pending.length) {
      since = await withTimeout('database', this.timeoutMs, () =>
        this.write(this.pending[0]),
      );
      this.pending.shift();
    }
    return since;
  }

  private async write({ clusters, at }: Pending): Promise<Map<string, string>> {
    // better-sqlite3 answers synchronously, so a chain of statements never turns the event loop:
    // it is given back between batches every 10 ms (1000 clusters are 20 batches).
    const pacer = new Pacer(Infinity);
    return this.db.transaction(async tx => {
      const rows: StateRow[] = await tx('cluster_states')
        .whereIn(
          'cluster',
          clusters.map(c => c.name),
        )
        .select('cluster', 'state', 'since');
      const current = new Map(rows.map(r => [r.cluster, r]));
      // A replayed snapshot older than what another replica recorded changes nothing.
      const changed = clusters.filter(c => {
        const row = current.get(c.name);
        return !row || (row.state !== c.state && row.since < at);
      });
      if (changed.length) {
        // Batched: SQLite writes a multi-row insert as a compound SELECT of at most 500 terms.
        for (const batch of insertBatches(changed)) {
          await pacer.pauseIfDue();
          await tx('state_transitions')
            .insert(
              batch.map(c => ({
                cluster: c.name,
                at,
                from_state: current.get(c.name)?.state ?? null,
                to_state: c.state,
                headline: c.headline?.check ?? null,
                summary: c.headline?.summary ?? null,
              })),
            )
            .onConflict(['cluster', 'at', 'to_state'])
            .ignore();
        }
        for (const batch of insertBatches(changed)) {
          await pacer.pauseIfDue();
          await tx('cluster_states')
            .insert(
              batch.map(c => ({
                cluster: c.name,
                state: c.state,
                since: at,
                headline: c.headline?.check ?? null,
                seen_at: at,
              })),
            )
            .onConflict('cluster')
            .merge();
        }
      }
      const changedSet = new Set(changed);
      const unchanged = clusters
        .filter(c => !changedSet.has(c))
        .map(c => c.name);
      if (unchanged.length)
        await tx('cluster_states')
          .whereIn('cluster', unchanged)
          .andWhere(q => q.whereNull('seen_at').orWhere('seen_at', '<', at))
          .update({ seen_at: at });
      const since = new Map<string, string>();
      for (const c of clusters) {
        const row = current.get(c.name);
        since.set(c.name, changedSet.has(c) || !row ? at : row.since);
      }
      return since;
    });
  }

  /** Newest first, ordered by the time of the transition. */
  async history(cluster: string, limit = 20): Promise<StateTransition[]> {
    const rows = await withTimeout('database', this.timeoutMs, () =>
      this.db('state_transitions')
        .where({ cluster })
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(Math.min(limit, HISTORY_LENGTH)),
    );
    return rows.map(r => ({
      at: r.at,
      from: (r.from_state ?? undefined) as ClusterState | undefined,
      to: r.to_state as ClusterState,
      headline: (r.headline ?? undefined) as CheckId | undefined,
      summary: r.summary ?? undefined,
    }));
  }

  /**
   * Keeps the tables short: the newest transitions of each cluster, and nothing of clusters that
   * no snapshot listed for DISAPPEARED_AFTER_MS.
   */
  async prune(now = Date.now()): Promise<void> {
    const cutoff = new Date(now - DISAPPEARED_AFTER_MS).toISOString();
    await withTimeout('database', this.timeoutMs * 3, async () => {
      const gone = this.db('cluster_states')
        .where('seen_at', '<', cutoff)
        .orWhere(q => q.whereNull('seen_at').andWhere('since', '<', cutoff))
        .select('cluster');
      await this.db('state_transitions').whereIn('cluster', gone).delete();
      await this.db('cluster_states')
        .where('seen_at', '<', cutoff)
        .orWhere(q => q.whereNull('seen_at').andWhere('since', '<', cutoff))
        .delete();
      const ranked = this.db('state_transitions')
        .select(
          'id',
          this.db.raw(
            'row_number() over (partition by cluster order by at desc, id desc) as n',
          ),
        )
        .as('ranked');
      await this.db('state_transitions')
        .whereIn(
          'id',
          this.db.select('id').from(ranked).where('n', '>', HISTORY_LENGTH),
        )
        .delete();
    });
  }
}
