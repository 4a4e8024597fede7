/** Thrown when the database or the cache did not answer in time. */
export class StoreTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'StoreTimeoutError';
  }
}

/**
 * Settles with `work`, or rejects after `ms`. The work is not cancelled (a pooled connection or
 * a Redis command cannot be), but nobody waits on it: a hanging store never blocks a collection.
 */
export async function withTimeout<T>(
  what: string,
  ms: number,
  work: () => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(what, ms)), ms);
  });
  try {
    // A synchronous throw of `work` becomes a rejection, like any other failure.
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
