import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { LookupFunction } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LocalServer, startLocalServer } from '../testUtils/localServer';
import { FederateProbe } from './federateProbe';
import { TlsCollector } from './tls';

const HOST = 'prometheus-blue.federation.test';
// Every name resolves to loopback, as the lab's DNS does.
const lookup = ((_host: string, options: any, callback: any) =>
  options?.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)) as LookupFunction;

let dir: string;
function openssl(...args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-tls-'));
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=Federation Test CA');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${HOST}`);
  fs.writeFileSync(path.join(dir, 'san.ext'), `subjectAltName=DNS:${HOST}\n`);
  openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '10', '-extfile', 'san.ext');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('TlsCollector and FederateProbe', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  async function start(handler: Parameters<typeof startLocalServer>[0]) {
    server = await startLocalServer(handler, {
      key: fs.readFileSync(path.join(dir, 'leaf.key'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'leaf.pem'), 'utf8'),
    });
  }
  const federate = (_req: any, res: any) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end('# TYPE up untyped\nup{instance="localhost:9090",job="prometheus"} 1 1795494000000\n');
  };

  it('reads the served certificate: names, expiry, chain, trusted with the configured CA', async () => {
    await start(federate);
    const facts = await new TlsCollector(path.join(dir, 'ca.pem')).handshake(HOST, server.port, lookup, new AbortController().signal);
    expect(facts.certificate).toMatchObject({ subject: HOST, issuer: 'Federation Test CA', dnsNames: [HOST], authorized: true, hostnameMatches: true, chain: [HOST, 'Federation Test CA'] });
    const days = (Date.parse(facts.certificate!.validTo) - Date.now()) / 86400e3;
    expect(days).toBeGreaterThan(9);
    expect(days).toBeLessThan(11);
  });

  it('reports an untrusted certificate and a wrong host name without failing', async () => {
    await start(federate);
    const facts = await new TlsCollector(undefined).handshake('other.federation.test', server.port, lookup, new AbortController().signal);
    expect(facts.certificate).toMatchObject({ authorized: false, hostnameMatches: false });
    expect(facts.certificate!.authorizationError).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
  });

  it('probes /federate?match[]=up and checks the Prometheus text format', async () => {
    await start(federate);
    const probe = await new FederateProbe(path.join(dir, 'ca.pem')).probe(HOST, server.port, lookup, new AbortController().signal);
    expect(probe).toMatchObject({ status: 200, textFormat: true });
    expect(server.requests[0].url).toBe('/federate?match[]=up');
    expect(server.requests[0].headers.host).toBe(`${HOST}:${server.port}`);
  });

  it('reports a login page as not Prometheus, and a refused connection with its code', async () => {
    await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Sign in</html>');
    });
    const probe = new FederateProbe(path.join(dir, 'ca.pem'));
    expect(await probe.probe(HOST, server.port, lookup, new AbortController().signal)).toMatchObject({ status: 200, textFormat: false, contentType: 'text/html' });
    const port = server.port;
    await server.close();
    expect(await probe.probe(HOST, port, lookup, new AbortController().signal)).toMatchObject({ errorCode: 'ECONNREFUSED' });
  });
});
