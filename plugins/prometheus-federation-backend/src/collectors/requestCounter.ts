/** Counts the requests each upstream receives, for the benchmark and the request-budget tests. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  add(upstream: string, n = 1) {
    this.counts.set(upstream, (this.counts.get(upstream) ?? 0) + n);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(
      [...this.counts].sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  reset() {
    this.counts.clear();
  }
}
