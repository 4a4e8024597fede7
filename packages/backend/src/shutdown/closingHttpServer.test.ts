import http from 'node:http';
import { AddressInfo } from 'node:net';
import { endRequestsAfterGrace } from './closingHttpServer';

describe('endRequestsAfterGrace', () => {
  let server: http.Server;
  afterEach(() => {
    server.closeAllConnections();
  });

  async function serve(handler: http.RequestListener) {
    server = http.createServer(handler);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('ends a request that never finishes once the grace is over, so that the close completes', async () => {
    const url = await serve(() => {
      /* a long poll: never answers */
    });
    const request = fetch(url).catch(error => error);
    await new Promise(r => server.once('request', r));
    const started = Date.now();
    const closed = new Promise(r => server.close(r));
    await endRequestsAfterGrace(server, 200);
    await closed;
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(String(await request)).toMatch(/fetch failed/);
  });

  it('lets a request in flight finish within the grace', async () => {
    const url = await serve((_req, res) => {
      setTimeout(() => res.end('done'), 100);
    });
    const request = fetch(url).then(r => r.text());
    await new Promise(r => server.once('request', r));
    const closed = new Promise(r => server.close(r));
    await endRequestsAfterGrace(server, 2000);
    await closed;
    expect(await request).toBe('done');
  });
});
