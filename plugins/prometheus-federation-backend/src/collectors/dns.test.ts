import { DnsResponder, startDnsResponder } from '../__testUtils__/dnsResponder';
import { DnsCollector } from './dns';
import { RequestCounter } from './requestCounter';

const HOST = 'prometheus-blue.federation.test';

describe('DnsCollector with configured servers', () => {
  let responder: DnsResponder;
  beforeEach(async () => {
    responder = await startDnsResponder(
      { [HOST]: ['127.0.0.1', '127.0.0.2'] },
      ['broken.federation.test'],
    );
  });
  afterEach(() => responder.close());

  it('resolves a leaf host with the configured server, not the system resolver', async () => {
    const counter = new RequestCounter();
    const dns = new DnsCollector([responder.server], counter);
    expect(await dns.resolve(HOST)).toEqual({
      addresses: ['127.0.0.1', '127.0.0.2'],
    });
    expect(responder.questions).toEqual([{ name: HOST, type: 1 }]);
    expect(counter.snapshot()).toEqual({ dns: 1 });
  });

  it('reports a name that does not resolve as a fact, and a failing server as a failure of the source', async () => {
    const dns = new DnsCollector([responder.server]);
    expect(await dns.resolve('prometheus-gone.federation.test')).toEqual({
      addresses: [],
      error: 'ENOTFOUND',
    });
    await expect(dns.resolve('broken.federation.test')).rejects.toMatchObject({
      code: 'ESERVFAIL',
    });
  });

  it('gives connections a lookup through the same server', async () => {
    const lookup = new DnsCollector([responder.server]).lookup()!;
    const one = await new Promise<[unknown, string, number]>(resolve =>
      lookup(HOST, {}, (error: unknown, address: any, family?: number) =>
        resolve([error, address, family!]),
      ),
    );
    expect(one).toEqual([null, '127.0.0.1', 4]);
    const all = await new Promise<unknown>(resolve =>
      lookup(HOST, { all: true }, (_e: unknown, addresses: any) =>
        resolve(addresses),
      ),
    );
    expect(all).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '127.0.0.2', family: 4 },
    ]);
    expect(responder.questions.every(q => q.name === HOST)).toBe(true);
  });

  it("asks each name once per collection: the DNS fact and the probe's connect share the answer", async () => {
    const counter = new RequestCounter();
    const dns = new DnsCollector([responder.server], counter);
    const connect = (round: ReturnType<DnsCollector['round']>) =>
      new Promise<unknown>(resolve =>
        round.lookup(HOST, {}, (_e: unknown, address: unknown) =>
          resolve(address),
        ),
      );
    const round = dns.round();
    expect(await round.resolve(HOST)).toEqual({
      addresses: ['127.0.0.1', '127.0.0.2'],
    });
    expect(await connect(round)).toBe('127.0.0.1');
    expect(await round.resolve('prometheus-gone.federation.test')).toEqual({
      addresses: [],
      error: 'ENOTFOUND',
    });
    expect(responder.questions).toHaveLength(2);
    // The next collection asks again: an answer is kept for one collection only.
    expect(await connect(dns.round())).toBe('127.0.0.1');
    expect(responder.questions).toHaveLength(3);
    expect(counter.snapshot()).toEqual({ dns: 3 });
  });

  it('uses the system resolver, with a timeout, when no server is configured', async () => {
    for (const servers of [undefined, []]) {
      const lookup = new DnsCollector(servers).lookup();
      const address = await new Promise(resolve =>
        lookup('localhost', {}, (_e: unknown, a: unknown) => resolve(a)),
      );
      expect(['127.0.0.1', '::1']).toContain(address);
    }
  });
});
