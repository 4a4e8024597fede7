/**
 * Long pure work (matching every used pattern against every metric name of a large cluster) done
 * in slices, so that the backend's event loop, shared by every plugin, is never held for long, and
 * bounded in total, so that a hostile dashboard costs a known amount of CPU and no more.
 */

/** Longest stretch of work between two yields to the event loop. */
export const SLICE_MS = 10;

/** CPU time one cost answer may spend matching; past it, the answer says usage was too large. */
export const WORK_BUDGET_MS = 5000;

export class WorkBudgetExceeded extends Error {
  constructor(budgetMs: number) {
    super(
      `usage too large to evaluate within ${budgetMs} ms of matching: no proposal`,
    );
    this.name = 'WorkBudgetExceeded';
  }
}

export class Pacer {
  private sliceStart: number;
  private spent = 0;

  constructor(
    private readonly budgetMs = WORK_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sliceStart = this.now();
  }

  /**
   * Whether the slice is used up: call between pieces of work, and `await pause()` when true.
   * A check is a clock read (about a microsecond): loops over names check every 16th name. An
   * `await` on every piece would cost more than the work itself.
   */
  due(): boolean {
    return this.now() - this.sliceStart >= SLICE_MS;
  }

  /** `pause()` when the slice is used up: for loops whose every piece is long (a statement). */
  async pauseIfDue(): Promise<void> {
    if (this.due()) await this.pause();
  }

  /** Yields to the event loop, counting the slice against the budget. */
  async pause(): Promise<void> {
    this.spent += this.now() - this.sliceStart;
    if (this.spent > this.budgetMs) throw new WorkBudgetExceeded(this.budgetMs);
    await new Promise<void>(resolve => setImmediate(resolve));
    this.sliceStart = this.now();
  }
}
