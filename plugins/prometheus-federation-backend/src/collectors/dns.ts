import dns from 'node:dns';
import { LookupFunction } from 'node:net';
import { boundedLookup, lookupAll } from './boundedLookup';
import { RequestCounter } from './requestCounter';
import { DnsFacts } from './types';

/** The A records of a name, as the configured servers answer them. */
type Resolve4 = (host: string) => Promise<string[]>;

/**
 * One collection's DNS: each name is asked once, and its answer serves both the DNS facts and the
 * probes' connects (before, each leaf host was asked twice a refresh: 1000 queries more at 1000
 * clusters, for an answer that cannot differ within one collection's view).
 */
export interface DnsRound {
  resolve(host: string): Promise<DnsFacts>;
  lookup: LookupFunction;
}

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

  private readonly resolve4: Resolve4 = host => {
    this.counter?.add('dns');
    return this.resolver!.resolve4(host);
  };

  /** A name that does not resolve is a fact (error code), not a failure of the source. */
  resolve(host: string): Promise<DnsFacts> {
    return this.resolveWith(host, this.resolve4);
  }

  private async resolveWith(
    host: string,
    resolve4: Resolve4,
  ): Promise<DnsFacts> {
    try {
      if (this.resolver) {
        const addresses = await resolve4(host).catch(
          async (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENODATA') return this.resolver!.resolve6(host);
            throw error;
          },
        );
        return { addresses };
      }
      this.counter?.add('dns');
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
  lookup(resolve4: Resolve4 = this.resolve4): LookupFunction {
    if (!this.resolver) return boundedLookup();
    return ((hostname: string, options: dns.LookupOptions, callback: any) => {
      resolve4(hostname)
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

  /** The DNS of one collection: answers kept for its length only, then dropped with it. */
  round(): DnsRound {
    const answers = new Map<string, Promise<string[]>>();
    const remembered: Resolve4 = host => {
      const key = host.toLowerCase();
      let answer = answers.get(key);
      if (!answer) {
        answer = this.resolve4(host);
        // A failed answer is kept too: the probe then fails as the DNS fact does, in one query.
        answer.catch(() => undefined);
        answers.set(key, answer);
      }
      return answer;
    };
    return {
      resolve: host => this.resolveWith(host, remembered),
      lookup: this.lookup(remembered),
    };
  }
}
