import { FirstCollection } from '@promfed/plugin-prometheus-federation-common';

/**
 * When this replica's collections run and how long they take, so that a replica without any
 * snapshot can say when the first one is due instead of holding the request.
 */
export class CollectionClock {
  private startedAt?: number;
  private lastMs?: number;
  private waitingSince?: number;

  /** `limitMs`: the collection's time limit, the estimate before any collection has finished. */
  constructor(
    private readonly limitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  started(): void {
    this.startedAt = this.now();
  }

  finished(): void {
    if (this.startedAt !== undefined) this.lastMs = this.now() - this.startedAt;
    this.startedAt = undefined;
  }

  /** The wait for the first snapshot, from this replica's collection or its first asking. */
  firstCollection(): FirstCollection {
    const now = this.now();
    this.waitingSince ??= now;
    const from = this.startedAt ?? this.waitingSince;
    const due = from + (this.lastMs ?? this.limitMs);
    return {
      since: new Date(this.waitingSince).toISOString(),
      dueInSeconds: Math.max(0, Math.ceil((due - now) / 1000)),
    };
  }
}
