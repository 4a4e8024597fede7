import { ConfigReader } from '@backstage/config';
import dns from 'node:dns';
import { readFederationConfig } from '../config/readFederationConfig';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { boundedLookup } from './boundedLookup';
import { httpGet } from './httpClient';
import { KubernetesCollector } from './kubernetes';

describe('resource limits of the collectors', () => {
  let server: LocalServer | undefined;
  afterEach(() => server?.close());

  it('aborts Kubernetes requests at the per-source timeout', async () => {
    let closed = 0;
    server = await startLocalServer(req => {
      // Never answers; counts the requests the client gives up.
      req.socket.on('close', () => (closed += 1));
    });
    const options = readFederationConfig(
      new ConfigReader({
        prometheusFederation: {
          opsPrometheus: { url: 'http://ops.example:9090' },
          upstreamTimeoutSeconds: 1,
          clusters: [
            {
              name: 'blue',
              prometheus: { host: 'blue.example.com' },
              kubernetes: { url: server.url, token: 'kube-token' },
            },
          ],
        },
      }),
    )!;
    const started = Date.now();
    const facts = await new KubernetesCollector(options, []).collect(
      options.clusters[0],
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(facts?.ingress).toMatchObject({ ok: false, timedOut: true });
    expect(facts?.certificate).toMatchObject({ ok: false, timedOut: true });
    // Every socket that carried a read closes with the timeout, not when the server gives up.
    await new Promise(r => setTimeout(r, 200));
    expect(server!.requests.length).toBeGreaterThan(0);
    expect(closed).toBe(server!.requests.length);
  });

  it('fails a system DNS lookup that does not answer within its timeout', async () => {
    const hanging = (() => {}) as unknown as typeof dns.lookup;
    const error = await new Promise<NodeJS.ErrnoException | null>(resolve =>
      boundedLookup(100, hanging)('leaf.example', {}, (e: any) => resolve(e)),
    );
    expect(error?.code).toBe('ETIMEDOUT');
    expect(error?.message).toContain('leaf.example');
  });

  it('refuses an answer whose declared length is over the cap before reading it', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('x');
    });
    await expect(
      httpGet(server.url, { limitBytes: 1024 * 1024 }),
    ).rejects.toThrow('answer larger than 1 MB');
  });
});
