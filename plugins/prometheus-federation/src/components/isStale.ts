/** A snapshot older than this many backend refresh intervals is called stale. */
const STALE_INTERVALS = 3;

/** True when the backend has not refreshed the snapshot for several intervals: its collectors may be stuck. */
export function isStale(snapshot: {
  ageSeconds: number;
  refreshIntervalSeconds: number;
}): boolean {
  return (
    snapshot.ageSeconds > STALE_INTERVALS * snapshot.refreshIntervalSeconds
  );
}
