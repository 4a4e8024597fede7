import { createApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { SNAPSHOT_SIGNAL_CHANNEL } from '@internal/plugin-prometheus-federation-common';
import { useEffect, useRef } from 'react';

/**
 * The signals plugin's API, as `@backstage/plugin-signals-react` declares it (same id). Declared
 * here because that package is not among this plugin's dependencies yet; swap for its
 * `signalApiRef` once it is.
 */
interface SignalApi {
  subscribe(
    channel: string,
    onMessage: (message: unknown) => void,
  ): { unsubscribe(): void };
}
const signalApiRef = createApiRef<SignalApi>({ id: 'plugin.signal.service' });

/**
 * Calls `onSnapshot` whenever the backend announces a new snapshot. Answers whether signals are
 * available at all: without them (no signals plugin in the app) the caller polls as before.
 */
export function useSnapshotSignal(onSnapshot: () => void): boolean {
  const signals = useApiHolder().get(signalApiRef);
  // The latest callback, so that a new one does not resubscribe.
  const callback = useRef(onSnapshot);
  callback.current = onSnapshot;
  useEffect(() => {
    if (!signals) return undefined;
    const { unsubscribe } = signals.subscribe(SNAPSHOT_SIGNAL_CHANNEL, () =>
      callback.current(),
    );
    return unsubscribe;
  }, [signals]);
  return !!signals;
}
