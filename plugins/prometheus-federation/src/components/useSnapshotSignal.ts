import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { SNAPSHOT_SIGNAL_CHANNEL } from '@promfed/plugin-prometheus-federation-common';
import { useEffect, useRef } from 'react';

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
