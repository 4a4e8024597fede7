import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 500;

/**
 * Polls `probe` until it gives a value or `ms` pass; undefined then. Once `signal` aborts (the
 * backend stops) the wait ends at once, with the signal's reason, and leaves no timer behind.
 */
export async function waitFor<T>(
  ms: number,
  probe: () => Promise<T | undefined>,
  options: { pollMs?: number; signal?: AbortSignal } = {},
): Promise<T | undefined> {
  const { pollMs = POLL_MS, signal } = options;
  const deadline = Date.now() + ms;
  for (;;) {
    signal?.throwIfAborted();
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + pollMs > deadline) return undefined;
    await sleep(pollMs, undefined, { signal }).catch(() => undefined);
  }
}
