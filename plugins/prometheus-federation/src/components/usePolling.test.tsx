import { TestApiProvider } from '@backstage/test-utils';
import { createApiRef } from '@backstage/core-plugin-api';
import { SNAPSHOT_SIGNAL_CHANNEL } from '@promfed/plugin-prometheus-federation-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { usePolling } from './usePolling';

// The signals plugin's API ref id, as @backstage/plugin-signals-react declares it.
const signalApiRef = createApiRef<any>({ id: 'plugin.signal.service' });

function fakeSignals() {
  const listeners = new Map<string, (message: unknown) => void>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (message: unknown) => void) => {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    },
    emit: (channel: string) => listeners.get(channel)?.({ generatedAt: 'x' }),
    listeners,
  };
}

function render(apis: any[]) {
  let n = 0;
  const load = jest.fn(async () => ++n);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis as any}>{children}</TestApiProvider>
  );
  const hook = renderHook(() => usePolling(load, 15), { wrapper });
  return { load, hook };
}

const advance = (ms: number) =>
  act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });

describe('usePolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('refetches as soon as the backend signals a new snapshot, and polls only as a safety net', async () => {
    const signals = fakeSignals();
    const { load, hook } = render([[signalApiRef, signals.api]]);
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);

    act(() => signals.emit(SNAPSHOT_SIGNAL_CHANNEL));
    await advance(1000);
    expect(load).toHaveBeenCalledTimes(2);
    expect(hook.result.current.value).toBe(2);

    // No poll at the plain 15 s interval: four times it.
    await advance(15_000);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(45_000);
    expect(load).toHaveBeenCalledTimes(3);

    hook.unmount();
    expect(signals.listeners.size).toBe(0);
  });

  it('polls at the plain interval when signals are unavailable', async () => {
    const { load } = render([]);
    await advance(0);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(15_000);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
