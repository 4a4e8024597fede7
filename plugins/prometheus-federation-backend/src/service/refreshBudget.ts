const MINUTE_MS = 60_000;
/** Users remembered before the idle ones are forgotten. */
const MAX_USERS = 10_000;

/**
 * How many refreshes each user may ask for per minute (a sliding window), on this replica. Each
 * refresh may cost a full collection: ten Prometheus queries, Kubernetes, DNS, TLS and AWS calls.
 */
export class RefreshBudget {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the user may refresh now (and counts it); else the seconds until they may. */
  take(user: string): number {
    if (this.perMinute <= 0) return 0;
    const now = this.now();
    const recent = (this.calls.get(user) ?? []).filter(
      t => now - t < MINUTE_MS,
    );
    if (recent.length >= this.perMinute) {
      this.calls.set(user, recent);
      return Math.max(1, Math.ceil((recent[0] + MINUTE_MS - now) / 1000));
    }
    recent.push(now);
    this.calls.set(user, recent);
    if (this.calls.size > MAX_USERS) this.forgetIdle(now);
    return 0;
  }

  private forgetIdle(now: number) {
    for (const [user, times] of this.calls)
      if (times.every(t => now - t >= MINUTE_MS)) this.calls.delete(user);
  }
}
