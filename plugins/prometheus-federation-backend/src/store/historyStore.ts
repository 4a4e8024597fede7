import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CheckId,
  ClusterState,
  ClusterStatus,
  StateTransition,
} from '@internal/plugin-prometheus-federation-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-prometheus-federation-backend',
  'migrations',
);

/** How many transitions a cluster keeps. */
export const HISTORY_LENGTH = 50;

interface StateRow {
  cluster: string;
  state: string;
  since: string;
  headline: string | null;
}

/** State changes per cluster, in the plugin's database: "down since" and a short history. */
export class HistoryStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<HistoryStore> {
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new HistoryStore(client);
  }

  /** Records the clusters whose state changed; returns when each entered its current state. */
  async record(
    clusters: ClusterStatus[],
    at: string,
  ): Promise<Record<string, string>> {
    const rows: StateRow[] = await this.db('cluster_states').select();
    const current = new Map(rows.map(r => [r.cluster, r]));
    const since: Record<string, string> = {};
    const changed = clusters.filter(
      c => current.get(c.name)?.state !== c.state,
    );
    if (changed.length) {
      await this.db.transaction(async tx => {
        await tx('state_transitions').insert(
          changed.map(c => ({
            cluster: c.name,
            at,
            from_state: current.get(c.name)?.state ?? null,
            to_state: c.state,
            headline: c.headline?.check ?? null,
            summary: c.headline?.summary ?? null,
          })),
        );
        await tx('cluster_states')
          .insert(
            changed.map(c => ({
              cluster: c.name,
              state: c.state,
              since: at,
              headline: c.headline?.check ?? null,
            })),
          )
          .onConflict('cluster')
          .merge();
      });
    }
    for (const c of clusters)
      since[c.name] = changed.includes(c) ? at : current.get(c.name)!.since;
    return since;
  }

  async history(cluster: string, limit = 20): Promise<StateTransition[]> {
    const rows = await this.db('state_transitions')
      .where({ cluster })
      .orderBy('id', 'desc')
      .limit(Math.min(limit, HISTORY_LENGTH));
    return rows.map(r => ({
      at: r.at,
      from: (r.from_state ?? undefined) as ClusterState | undefined,
      to: r.to_state as ClusterState,
      headline: (r.headline ?? undefined) as CheckId | undefined,
      summary: r.summary ?? undefined,
    }));
  }

  /** Keeps the table short: drops all but the newest transitions of each cluster. */
  async prune(): Promise<void> {
    const clusters: Array<{ cluster: string }> = await this.db(
      'state_transitions',
    ).distinct('cluster');
    for (const { cluster } of clusters) {
      const keep = await this.db('state_transitions')
        .where({ cluster })
        .orderBy('id', 'desc')
        .offset(HISTORY_LENGTH - 1)
        .first('id');
      if (keep)
        await this.db('state_transitions')
          .where({ cluster })
          .andWhere('id', '<', keep.id)
          .delete();
    }
  }
}
