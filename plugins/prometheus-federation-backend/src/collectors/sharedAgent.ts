import { createHash } from 'node:crypto';
import { Agent } from 'undici';
import { withSharedContext } from './sharedSecureContext';

/** How a Kubernetes connection pool keeps and bounds its connections. */
export interface PoolOptions {
  keepAliveMs: number;
  timeoutMs: number;
  maxResponseBytes?: number;
}

// Keyed by a hash of the options: a key or passphrase is never kept as a map key.
const agents = new Map<string, Agent>();

function keyOf(connect: object, pool: PoolOptions): string {
  const hash = createHash('sha256');
  const feed = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(feed);
    else if (Buffer.isBuffer(value)) hash.update(value);
    else hash.update(JSON.stringify(value) ?? 'undefined');
    hash.update('\0');
  };
  const { keepAliveMs, timeoutMs, maxResponseBytes } = pool;
  const options = { ...connect, keepAliveMs, timeoutMs, maxResponseBytes };
  for (const [name, value] of Object.entries(options).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    hash.update(`${name}\0`);
    feed(value);
  }
  return hash.digest('hex');
}

/**
 * One undici connection pool for every leaf with the same TLS options (CA, client certificate,
 * server name, verification) and pool settings. undici keeps one pool of sockets per origin inside
 * it, so leaves behind one API endpoint (a multi-cluster proxy such as Rancher or Teleport) share
 * its connections, at most as many as the Kubernetes reads in flight, instead of each keeping its
 * own kept-alive TLS socket: about 100 kB of native and heap memory each, 100 MB at 1000 leaves.
 * Leaves with their own API servers still keep one connection each. Credentials are per request
 * (headers), never part of the connection.
 */
export function sharedAgent(connect: object, pool: PoolOptions): Agent {
  const key = keyOf(connect, pool);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: withSharedContext(connect),
      keepAliveTimeout: pool.keepAliveMs,
      keepAliveMaxTimeout: pool.keepAliveMs,
      // A hung API server must not keep requests (and sockets) past the source's own timeout.
      headersTimeout: pool.timeoutMs,
      bodyTimeout: pool.timeoutMs,
      maxResponseSize: pool.maxResponseBytes,
    });
    agents.set(key, agent);
  }
  return agent;
}
