import dns from 'node:dns';
import { LookupFunction } from 'node:net';

/** A system lookup (getaddrinfo on libuv's pool) longer than this fails the connect. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 5000;

/**
 * `dns.lookup` with a timeout, for the `lookup` option of net, tls and http. getaddrinfo cannot
 * be cancelled and has no timeout of its own: a stuck resolver would hold the connect forever.
 */
export function boundedLookup(
  timeoutMs = DEFAULT_LOOKUP_TIMEOUT_MS,
  lookup: typeof dns.lookup = dns.lookup,
): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: any) => {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      const error: NodeJS.ErrnoException = new Error(
        `DNS lookup of ${hostname} did not answer within ${timeoutMs} ms`,
      );
      error.code = 'ETIMEDOUT';
      callback(error);
    }, timeoutMs);
    lookup(hostname, options, (...args: unknown[]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(...args);
    });
  }) as LookupFunction;
}

/** `dns.promises.lookup` (all addresses) with the same timeout. */
export function lookupAll(
  hostname: string,
  timeoutMs = DEFAULT_LOOKUP_TIMEOUT_MS,
): Promise<dns.LookupAddress[]> {
  return new Promise((resolve, reject) =>
    boundedLookup(timeoutMs)(hostname, { all: true }, ((
      error: Error | null,
      addresses: dns.LookupAddress[],
    ) => (error ? reject(error) : resolve(addresses))) as any),
  );
}
