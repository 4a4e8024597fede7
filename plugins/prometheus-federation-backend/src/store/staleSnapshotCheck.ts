import { SnapshotCopy } from './snapshotCopy';
import { Read } from './storeRead';

/**
 * A read whose snapshot is stale gets the database's failure as its problem, like a cache
 * failure: a database outage stops every collection, and the page must say why it ages.
 * The database is pinged at most once per `retryMs`.
 */
export class StaleSnapshotCheck {
  private last?: { at: number; problem?: string };

  constructor(
    private readonly copy: SnapshotCopy,
    private readonly staleAfterMs: number,
    private readonly retryMs: number,
    private readonly now: () => number,
  ) {}

  async checked<T extends { generatedAt: string }>(
    read: Read<T>,
  ): Promise<Read<T>> {
    const { value } = read;
    if (read.problem || !value) return read;
    const now = this.now();
    if (now - Date.parse(value.generatedAt) <= this.staleAfterMs) return read;
    if (!this.last || now - this.last.at >= this.retryMs) {
      const problem = await this.copy.ping().then(
        () => undefined,
        error =>
          `${String(
            error,
          )} (the database is down: no collection runs until it answers)`,
      );
      this.last = { at: now, problem };
    }
    return this.last.problem ? { value, problem: this.last.problem } : read;
  }
}
