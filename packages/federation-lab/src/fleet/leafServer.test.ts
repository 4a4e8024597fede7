import fs from 'node:fs';
import type { Server } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { ensureCa } from '../certificates/openssl';
import { FleetCertificates } from './fleetCertificates';
import { startLeafServer } from './leafServer';
import { FleetFault } from './faults';

const PORT = 27480;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-leaf-server-'));
const clusters = [
  'leaf-0001',
  'leaf-0002',
  'leaf-0003',
  'leaf-0004',
  'leaf-0005',
];
const faults: Record<string, FleetFault> = {
  'leaf-0002': 'certificate-expired',
  'leaf-0003': 'leaf-error-500',
  'leaf-0004': 'connection-reset',
};
const host = (c: string) => `prometheus-${c}.federation.test`;
let ca: string;
let server: Server;

beforeAll(async () => {
  await ensureCa(path.join(dir, 'ca.crt'), path.join(dir, 'ca.key'));
  ca = fs.readFileSync(path.join(dir, 'ca.crt'), 'utf8');
  const certificates = new FleetCertificates({
    caCertPem: ca,
    caKeyPem: fs.readFileSync(path.join(dir, 'ca.key'), 'utf8'),
    clusters,
    domain: 'federation.test',
    faults,
  });
  server = await startLeafServer({
    port: PORT,
    certificates,
    faults,
    seriesPerLeaf: 50,
  });
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const EVERY_SERIES = `/federate?match[]=${encodeURIComponent(
  '{__name__=~".+"}',
)}`;

/** One handshake with `servername`, then GET `reqPath` on it (HTTP/1.0: no chunks to undo). */
function scrape(servername: string | undefined, reqPath = EVERY_SERIES) {
  return new Promise<{
    peer: tls.PeerCertificate;
    authorized: boolean;
    error?: string;
    head: string;
    body: string;
  }>(resolve => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: PORT,
      servername,
      ca,
      rejectUnauthorized: false,
    });
    let data = '';
    socket.on('secureConnect', () => {
      socket.write(
        `GET ${reqPath} HTTP/1.0\r\nHost: ${servername}\r\nConnection: close\r\n\r\n`,
      );
    });
    socket.on('data', d => (data += d));
    const done = (error?: Error & { code?: string }) =>
      resolve({
        peer: socket.getPeerCertificate(),
        authorized: socket.authorized,
        error:
          error?.code ??
          (socket.authorizationError
            ? String(socket.authorizationError)
            : undefined),
        head: data.split('\r\n\r\n')[0],
        body: data.split('\r\n\r\n').slice(1).join('\r\n\r\n'),
      });
    socket.on('error', done);
    socket.on('end', () => done());
  });
}

describe('the fleet leaf server', () => {
  it('serves each host its own certificate, chosen by SNI, trusted through the lab CA', async () => {
    for (const c of ['leaf-0001', 'leaf-0005']) {
      const r = await scrape(host(c));
      expect(r.authorized).toBe(true);
      expect(r.peer.subject.CN).toBe(host(c));
      expect(r.peer.subjectaltname).toBe(`DNS:${host(c)}`);
      expect(tls.checkServerIdentity(host(c), r.peer)).toBeUndefined();
      expect(r.head).toMatch(/^HTTP\/1.1 200/);
      expect(r.head).toMatch(/content-type: text\/plain; version=0.0.4/);
      expect(r.body).toContain(`cluster="${c}"`);
    }
  });

  it('serves the expired certificate of the faulted host only', async () => {
    const r = await scrape(host('leaf-0002'));
    expect(r.authorized).toBe(false);
    expect(r.error).toBe('CERT_HAS_EXPIRED');
    expect(r.peer.subject.CN).toBe(host('leaf-0002'));
  });

  it('answers 500, or resets the connection, for the faulted leaves', async () => {
    expect((await scrape(host('leaf-0003'))).head).toMatch(/^HTTP\/1.1 500/);
    const reset = await scrape(host('leaf-0004'));
    expect(reset.authorized).toBe(true);
    expect(reset.error).toBe('ECONNRESET');
  });

  it('gives unknown names the default certificate and a 404, as an ingress controller does', async () => {
    const r = await scrape('prometheus-nope.federation.test');
    expect(r.peer.subject.CN).toBe('ingress-default.federation.test');
    expect(r.head).toMatch(/^HTTP\/1.1 404/);
  });
});

describe('match[] on the fleet leaf server', () => {
  it('answers only the names the selectors choose, and nothing without one', async () => {
    const get = async (query: string) =>
      (await scrape(host('leaf-0001'), `/federate${query}`)).body
        .split('\n')
        .filter(l => l && !l.startsWith('#'));
    const all = await get(`?match[]=${encodeURIComponent('{__name__=~".+"}')}`);
    expect(all).toHaveLength(50);
    const up = await get('?match[]=up');
    expect(up.length).toBeGreaterThan(0);
    expect(up.every(l => l.startsWith('up{'))).toBe(true);
    const two = await get(
      `?match[]=up&match[]=${encodeURIComponent(
        '{__name__="http_requests_total"}',
      )}`,
    );
    expect(new Set(two.map(l => l.split('{')[0]))).toEqual(
      new Set(['up', 'http_requests_total']),
    );
    expect(await get('')).toEqual([]);
  });
});
