import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import {
  issueTestLeaf,
  loopbackLookup,
  makeTestCa,
} from '../__testUtils__/testCertificates';
import { LeafEndpointCollector } from './leafEndpoint';
import { ProbePlan } from './types';

const HOST = 'prometheus-blue.federation.test';
const lookup = loopbackLookup;

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-tls-'));
  makeTestCa(dir);
  issueTestLeaf(dir, 'leaf', HOST, 10);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('LeafEndpointCollector', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  async function start(handler: Parameters<typeof startLocalServer>[0]) {
    server = await startLocalServer(handler, {
      key: fs.readFileSync(path.join(dir, 'leaf.key'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'leaf.pem'), 'utf8'),
    });
  }
  const federate = (_req: any, res: any) => {
    res.writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    });
    res.end(
      '# TYPE up untyped\nup{instance="localhost:9090",job="prometheus"} 1 1795494000000\n',
    );
  };
  const plan = (
    host: string,
    port = server.port,
    more: Partial<ProbePlan> = {},
  ): ProbePlan => ({
    url: `https://${host}:${port}/federate?match[]=up`,
    serverName: host,
    verify: true,
    from: 'config',
    ...more,
  });
  const read = (caFile: string | undefined, host: string, port = server.port) =>
    new LeafEndpointCollector(caFile).read(
      plan(host, port),
      lookup,
      new AbortController().signal,
    );

  it('reads the served certificate and probes /federate?match[]=up over one connection', async () => {
    await start(federate);
    const reading = read(path.join(dir, 'ca.pem'), HOST);
    const [tls, probe] = await Promise.all([reading.tls, reading.probe]);
    expect(tls.certificate).toMatchObject({
      subject: HOST,
      issuer: 'Federation Test CA',
      dnsNames: [HOST],
      authorized: true,
      hostnameMatches: true,
      chain: [HOST, 'Federation Test CA'],
    });
    const days = (Date.parse(tls.certificate!.validTo) - Date.now()) / 86400e3;
    expect(days).toBeGreaterThan(9);
    expect(days).toBeLessThan(11);
    expect(probe).toMatchObject({ status: 200, textFormat: true });
    expect(server.requests[0].url).toBe('/federate?match[]=up');
    expect(server.requests[0].headers.host).toBe(`${HOST}:${server.port}`);
    // One handshake for both checks.
    expect(server.connections()).toBe(1);
  });

  it('reports an untrusted certificate and a wrong host name, and fails the probe as a verifying scrape would', async () => {
    await start(federate);
    const reading = read(undefined, 'other.federation.test');
    const tls = await reading.tls;
    expect(tls.certificate).toMatchObject({
      authorized: false,
      hostnameMatches: false,
    });
    expect(tls.certificate!.authorizationError).toMatch(
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
    );
    // As Go's x509 does, the wrong name is reported before the unknown authority.
    expect(await reading.probe).toMatchObject({
      textFormat: false,
      errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    expect(await read(undefined, HOST).probe).toMatchObject({
      textFormat: false,
      errorCode: expect.stringMatching(
        /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
      ),
    });
    expect(server.requests).toHaveLength(0);

    const wrongHost = read(path.join(dir, 'ca.pem'), 'other.federation.test');
    expect(await wrongHost.probe).toMatchObject({
      errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
      error: expect.stringContaining(`valid for ${HOST}`),
    });
  });

  it('reports a login page as not Prometheus, and a refused connection with its code', async () => {
    await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Sign in</html>');
    });
    expect(await read(path.join(dir, 'ca.pem'), HOST).probe).toMatchObject({
      status: 200,
      textFormat: false,
      contentType: 'text/html',
    });
    const port = server.port;
    await server.close();
    const refused = read(path.join(dir, 'ca.pem'), HOST, port);
    expect(await refused.tls).toMatchObject({
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await refused.probe).toMatchObject({ errorCode: 'ECONNREFUSED' });
  });

  it('closes the connection when aborted (the probe timeout) while the leaf holds the answer', async () => {
    await start(() => {
      /* holds the request, like a leaf behind the slow-federate fault */
    });
    const controller = new AbortController();
    const reading = new LeafEndpointCollector(path.join(dir, 'ca.pem')).read(
      plan(HOST),
      lookup,
      controller.signal,
    );
    expect(await reading.tls).toMatchObject({
      certificate: { authorized: true },
    });
    setTimeout(() => controller.abort(), 100);
    await expect(reading.probe).rejects.toThrow('aborted');
  });

  it("speaks the job's language: its path, match[] and port, its server_name on an IP address", async () => {
    await start(federate);
    const url = `https://127.0.0.1:${server.port}/prometheus/federate?match%5B%5D=%7B__name__%3D~%22http_.%2A%22%7D`;
    const reading = new LeafEndpointCollector(path.join(dir, 'ca.pem')).read(
      plan(HOST, server.port, { url, from: 'job' }),
      lookup,
      new AbortController().signal,
    );
    const [tls, probe] = await Promise.all([reading.tls, reading.probe]);
    expect(tls.certificate).toMatchObject({
      authorized: true,
      hostnameMatches: true,
    });
    expect(probe).toMatchObject({ status: 200, textFormat: true });
    expect(server.requests[0].url).toBe(
      '/prometheus/federate?match%5B%5D=%7B__name__%3D~%22http_.%2A%22%7D',
    );
    expect(server.requests[0].headers.host).toBe(`127.0.0.1:${server.port}`);
  });

  it('probes a plain-HTTP job over HTTP, with no certificate to read', async () => {
    server = await startLocalServer(federate);
    const reading = new LeafEndpointCollector(undefined).read(
      plan(HOST, server.port, {
        url: `http://${HOST}:${server.port}/federate?match[]=up`,
        from: 'job',
      }),
      lookup,
      new AbortController().signal,
    );
    const [tls, probe] = await Promise.all([reading.tls, reading.probe]);
    expect(tls).toEqual({
      skipped: 'the federate job scrapes over plain HTTP',
    });
    expect(probe).toMatchObject({ status: 200, textFormat: true });
    expect(server.requests[0].url).toBe('/federate?match[]=up');
  });

  it('does not fail an untrusted certificate when the job skips verification, as the job does not', async () => {
    await start(federate);
    const reading = new LeafEndpointCollector(undefined).read(
      plan(HOST, server.port, { verify: false }),
      lookup,
      new AbortController().signal,
    );
    expect((await reading.tls).certificate?.authorized).toBe(false);
    expect(await reading.probe).toMatchObject({ status: 200 });
  });
});
