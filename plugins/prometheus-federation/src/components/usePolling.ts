import { useCallback, useEffect, useRef, useState } from 'react';
import { useSnapshotSignal } from './useSnapshotSignal';

/** Never poll faster than this, whatever the backend announces. */
export const MIN_POLL_INTERVAL_SECONDS = 10;

/** With live signals, polling is only a safety net in case a signal is lost: this much slower. */
export const SIGNALLED_POLL_FACTOR = 4;

/** Open pages spread their refetch over this long after a signal, not all in the same instant. */
const SIGNAL_JITTER_MS = 1000;

export type Polled<T> = {
  /** The last value that arrived; kept when a later poll fails. */
  value?: T;
  /** When `value` arrived, by the viewer's clock. */
  receivedAt?: Date;
  /** The error of the latest poll, cleared by the next success. */
  error?: Error;
  /** True until the first poll settles. */
  loading: boolean;
  /** Replaces the value now, e.g. with the answer of POST /refresh. */
  accept: (value: T) => void;
};

/**
 * Calls `load` now, whenever the backend signals a new snapshot, and every `intervalSeconds`
 * (at least 10 s; four times that when signals are available) while the tab is visible,
 * updating the value in place: components stay mounted, so whatever the user opened stays open.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  intervalSeconds: number,
): Polled<T> {
  const [value, setValue] = useState<T>();
  const [receivedAt, setReceivedAt] = useState<Date>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Answers can arrive out of order (a slow poll after "Refresh now", or after a switch to
  // another cluster): only the newest request, or an accepted value, may land.
  const latest = useRef(0);

  const accept = useCallback((next: T) => {
    if (!mounted.current) return;
    latest.current += 1;
    setValue(next);
    setReceivedAt(new Date());
    setError(undefined);
  }, []);

  const poll = useCallback(async () => {
    const request = ++latest.current;
    const current = () => mounted.current && request === latest.current;
    try {
      const next = await load();
      if (!current()) return;
      setLoading(false);
      accept(next);
    } catch (e) {
      if (!current()) return;
      setLoading(false);
      setError(e as Error);
    }
  }, [load, accept]);

  // A new subject (another cluster or entity) starts from nothing rather than showing the old one.
  useEffect(() => {
    setValue(undefined);
    setError(undefined);
    setLoading(true);
    poll();
  }, [poll]);

  // A hidden tab skips the signal too: it catches up when shown (below).
  const live = useSnapshotSignal(
    useCallback(() => {
      setTimeout(() => {
        if (document.visibilityState !== 'hidden') poll();
      }, Math.random() * SIGNAL_JITTER_MS);
    }, [poll]),
  );

  const periodMs =
    Math.max(MIN_POLL_INTERVAL_SECONDS, intervalSeconds) *
    // A failing backend is retried at the plain interval: its signals are unlikely to arrive.
    (live && !error ? SIGNALLED_POLL_FACTOR : 1) *
    1000;
  // A hidden tab does not poll; it catches up as soon as it is shown again.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') poll();
    }, periodMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') poll();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [poll, periodMs]);

  return { value, receivedAt, error, loading, accept };
}
