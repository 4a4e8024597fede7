import { DatabaseService } from '@backstage/backend-plugin-api';
import { ClusterState } from '@promfed/plugin-prometheus-federation-common';
import { Knex } from 'knex';
import { Pacer } from '../cost/pacer';
import { withTimeout } from '../store/withTimeout';
import { NotifiedState } from './decideNotification';
import { INSERT_BATCH } from '../store/historyStore';

export interface NotifiedRow extends NotifiedState {
  applications: string[];
}

/**
 * The `notified_states` table (migrations/, run by HistoryStore.create). A claim is a compare
 * and set: of replicas that read the same row, one moves it and sends; the others move nothing.
 */
export class NotifiedStateStore {
  private constructor(
    private readonly db: Knex,
    private readonly timeoutMs: number,
  ) {}

  static async create(
    database: DatabaseService,
    timeoutMs = 3000,
  ): Promise<NotifiedStateStore> {
    return new NotifiedStateStore(await database.getClient(), timeoutMs);
  }

  /** The rows of these clusters, created empty where missing. */
  async read(clusters: string[]): Promise<Map<string, NotifiedRow>> {
    return withTimeout('database', this.timeoutMs, async () => {
      // Batched: SQLite writes a multi-row insert as a compound SELECT of at most 500 terms.
      // Synchronous on SQLite: the event loop is given back between batches every 10 ms.
      const pacer = new Pacer(Infinity);
      for (let i = 0; i < clusters.length; i += INSERT_BATCH) {
        await pacer.pauseIfDue();
        await this.db('notified_states')
          .insert(
            clusters
              .slice(i, i + INSERT_BATCH)
              .map(cluster => ({ cluster, state: '', since: '' })),
          )
          .onConflict('cluster')
          .ignore();
      }
      const rows = await this.db('notified_states')
        .whereIn('cluster', clusters)
        .select('cluster', 'state', 'since', 'applications');
      return new Map(
        rows.map(r => [
          r.cluster,
          {
            state: r.state,
            since: r.since,
            applications: r.applications ? JSON.parse(r.applications) : [],
          },
        ]),
      );
    });
  }

  /** Moves the row from `from` to the new state; true when this caller moved it. */
  async claim(
    cluster: string,
    from: NotifiedState,
    to: { state: ClusterState; since: string },
  ): Promise<boolean> {
    const moved = await withTimeout('database', this.timeoutMs, () =>
      this.db('notified_states')
        .where({ cluster, state: from.state, since: from.since })
        .update({ state: to.state, since: to.since }),
    );
    return moved === 1;
  }

  /** Remembers which applications federate from the cluster, for when its series are gone. */
  async setApplications(cluster: string, applications: string[]) {
    await withTimeout('database', this.timeoutMs, () =>
      this.db('notified_states')
        .where({ cluster })
        .update({ applications: JSON.stringify(applications) }),
    );
  }
}
