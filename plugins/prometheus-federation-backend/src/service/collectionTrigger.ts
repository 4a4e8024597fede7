import { LoggerService } from '@backstage/backend-plugin-api';
import { waitFor } from './waitFor';

/** How often cold reads may trigger the global task while no snapshot exists. */
const FIRST_ASK_GAP_MS = 10_000;
/** A wait still without its snapshot asks the task again this often. */
const REASK_MS = 1000;

/** Asks the scheduler's global collection task to run now, on whichever replica claims it. */
export class CollectionTrigger {
  private waiting?: Promise<void>;
  /** When a cold read last asked: the page's polls do not ask again each time. */
  private askedAt = 0;

  /** Once `stopping` aborts (the backend stops) it asks no more, and every wait ends with its reason. */
  constructor(
    private readonly trigger: () => Promise<void>,
    private readonly logger: LoggerService,
    private readonly stopping: AbortSignal,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks now; concurrent askers share one trigger. */
  ask(): Promise<void> {
    if (this.stopping.aborted) return Promise.resolve();
    this.waiting ??= this.trigger()
      .catch(error =>
        // A ConflictError: the task runs already, on this replica or another; wait for it.
        this.logger.debug(`Federation collection not triggered: ${error}`),
      )
      .finally(() => {
        this.waiting = undefined;
      });
    return this.waiting;
  }

  /**
   * Asks, then waits up to `waitMs` for `probe` to find the snapshot. Asks again while it waits:
   * an ask made while the last run was finishing (stored, not yet released) runs nothing.
   */
  async askUntil<T>(
    waitMs: number,
    probe: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    await this.ask();
    let askedAt = this.now();
    return waitFor(
      waitMs,
      async () => {
        const found = await probe();
        if (found === undefined && this.now() - askedAt >= REASK_MS) {
          askedAt = this.now();
          this.ask();
        }
        return found;
      },
      { signal: this.stopping },
    );
  }

  /** A cold read's ask, without waiting, at most once per FIRST_ASK_GAP_MS. */
  askForFirst(): void {
    const now = this.now();
    if (now - this.askedAt < FIRST_ASK_GAP_MS) return;
    this.askedAt = now;
    this.ask();
  }
}
