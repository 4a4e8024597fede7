import dns from 'node:dns';
import { LookupFunction } from 'node:net';
import { boundedLookup, lookupAll } from './boundedLookup';
import { RequestCounter } from './requestCounter';
import { DnsFacts } from './types';

/** Resolves leaf hosts with the configured DNS servers, or the system's when none are given. */
export class DnsCollector {
  private readonly resolver?: dns.promises.Resolver;

  constructor(
    servers: string[] | undefined,
    private readonly counter?: RequestCounter,
  ) {
    if (servers?.length) {
      this.resolver = new dns.promises.Resolver({ timeout: 2000, tries: 2 });
      this.resolver.setServers(servers);
    }
  }

  /** A name that does not resolve is a fact (error code), not a failure of the source. */
  async resolve(host: string): Promise<DnsFacts> {
    this.counter?.add('dns');
    try {
      if (this.resolver) {
        const addresses = await this.resolver
          .resolve4(host)
          .catch(async (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENODATA') return this.resolver!.resolve6(host);
            throw error;
          });
        return { addresses };
      }
      const found = await lookupAll(host);
      return { addresses: found.map(a => a.address) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'NXDOMAIN')
        return { addresses: [], error: code };
      throw error;
    }
  }

  /**
   * A `lookup` for net/tls/https that uses the same resolver, so every probe sees the same DNS;
   * the system's, with a timeout, when no servers are configured.
   */
  lookup(): LookupFunction {
    const resolver = this.resolver;
    if (!resolver) return boundedLookup();
    return ((hostname: string, options: dns.LookupOptions, callback: any) => {
      resolver
        .resolve4(hostname)
        .then(addresses => {
          if (options?.all)
            callback(
              null,
              addresses.map(address => ({ address, family: 4 })),
            );
          else callback(null, addresses[0], 4);
        })
        .catch(error => callback(error));
    }) as LookupFunction;
  }
}
