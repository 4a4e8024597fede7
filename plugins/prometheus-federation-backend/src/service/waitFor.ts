const POLL_MS = 500;

/** Polls `probe` until it gives a value or `ms` pass; undefined then. */
export async function waitFor<T>(
  ms: number,
  probe: () => Promise<T | undefined>,
  pollMs = POLL_MS,
): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + pollMs > deadline) return undefined;
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}
