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

  /**
   * Writes the entries in one transaction, in their order: one commit (on SQLite, one
   * synchronous fsync on the event loop instead of one per key), and a reader sees all of them
   * or none.
   */
  async write(
    generatedAt: string,
    entries: ReadonlyArray<readonly [key: string, value: unknown]>,
  ): Promise<void> {
    await withTimeout('database', this.timeoutMs, () =>
      this.db.transaction(async tx => {
        for (const [key, value] of entries)
          await tx(TABLE)
            .insert({
              key,
              generated_at: generatedAt,
              body: JSON.stringify(value),
            })
            .onConflict('key')
            .merge()
            .where(`${TABLE}.generated_at`, '<', generatedAt);
      }),
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
