import { Knex } from 'knex';
import { withTimeout } from './withTimeout';

const TABLE = 'shared_snapshots';

/**
 * The latest snapshot in the plugin's database (table shared_snapshots, created by the history
 * store's migrations), for when the shared cache fails; discovery keeps its memory beside it. Writes never replace a newer snapshot, so
 * a replica finishing late cannot bring an older one back.
 */
export class SnapshotCopy {
  private reading = new Map<string, Promise<unknown>>();

  constructor(private readonly db: Knex, private readonly timeoutMs: number) {}

  async write(key: string, generatedAt: string, value: unknown): Promise<void> {
    await withTimeout('database', this.timeoutMs, () =>
      this.db(TABLE)
        .insert({ key, generated_at: generatedAt, body: JSON.stringify(value) })
        .onConflict('key')
        .merge()
        .where(`${TABLE}.generated_at`, '<', generatedAt),
    );
  }

  /** Throws when the database does not answer (within the timeout). */
  async ping(): Promise<void> {
    await withTimeout('database', this.timeoutMs, () =>
      this.db.raw('select 1'),
    );
  }

  /** The stored value; concurrent reads of one key share one query. */
  read<T>(key: string): Promise<T | undefined> {
    let pending = this.reading.get(key) as Promise<T | undefined> | undefined;
    if (!pending) {
      pending = withTimeout('database', this.timeoutMs, () =>
        this.db(TABLE).where({ key }).first('body'),
      )
        .then(row => (row ? (JSON.parse(row.body) as T) : undefined))
        .finally(() => this.reading.delete(key));
      this.reading.set(key, pending);
    }
    return pending;
  }
}
