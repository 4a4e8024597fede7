/**
 * Freshness by the federate job's scrape interval (docs/federation-setup.md#headline-policy).
 * A federated sample carries the leaf's own time: in steady state its age is below the leaf's
 * interval plus the federate interval, i.e. below 2 intervals when they are equal. Older means
 * the series stopped arriving, well before they vanish after Prometheus' 5-minute lookback.
 */

/** How many federate intervals a sample may be old before it counts as stale. */
export const STALE_INTERVALS = 2;

/** When the interval is not known (no target): Prometheus' default scrape interval. */
const DEFAULT_INTERVAL_SECONDS = 60;

export function staleAfterSeconds(intervalSeconds?: number): number {
  return STALE_INTERVALS * (intervalSeconds || DEFAULT_INTERVAL_SECONDS);
}

/** Whether a newest sample this old means the series have stopped arriving. */
export function isStale(ageSeconds: number, intervalSeconds?: number): boolean {
  return ageSeconds > staleAfterSeconds(intervalSeconds);
}

/**
 * Right after a target comes back, the leaf's first answers can still carry its old samples (it
 * has not scraped its apps yet). Stale series then say nothing until one stale period has passed
 * since the target was last seen down.
 */
export function recovering(
  newestSample: number | undefined,
  lastDownAt: number | undefined,
  now: number,
  intervalSeconds?: number,
): boolean {
  if (lastDownAt === undefined) return false;
  if (newestSample !== undefined && newestSample > lastDownAt) return false;
  return now - lastDownAt <= staleAfterSeconds(intervalSeconds);
}

/**
 * prometheus_replica values ('' for none) whose series are still fresh. Replicas behind one
 * host answer in turn, each every other scrape at best: twice the usual window.
 */
export function freshReplicas(
  samples: Record<string, number> | undefined,
  now: number,
  intervalSeconds?: number,
): string[] {
  const window = 2 * staleAfterSeconds(intervalSeconds);
  return Object.entries(samples ?? {})
    .filter(([, newest]) => now - newest <= window)
    .map(([replica]) => replica)
    .sort();
}
