import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import {
  issueTestLeaf,
  loopbackLookup,
  makeTestCa,
} from '../__testUtils__/testCertificates';
import { LeafEndpointCollector } from './leafEndpoint';
import { certificateRevision } from './leafReading';
import { TlsSessions } from './tlsSessions';
import { KubernetesFacts, ProbePlan } from './types';

const HOST = 'prometheus-green.federation.test';

let dir: string;
let first: { key: string; cert: string };
let renewed: { key: string; cert: string };
let server: https.Server;
let port: number;
/** Per accepted TLS connection: whether the leaf resumed a session. */
let resumed: boolean[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-tls-sessions-'));
  makeTestCa(dir);
  first = issueTestLeaf(dir, 'first', HOST, 10);
  renewed = issueTestLeaf(dir, 'renewed', HOST, 20);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  resumed = [];
  server = https.createServer(first, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end('up{job="prometheus"} 1\n');
  });
  server.on('secureConnection', (socket: tls.TLSSocket) =>
    resumed.push(socket.isSessionReused()),
  );
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => new Promise(r => server.close(r)));

/** The leaf serves another certificate, keeping its ticket keys (as a replicated ingress does). */
function renew() {
  server.setSecureContext({ ...renewed, ticketKeys: server.getTicketKeys() });
}

function plan(): ProbePlan {
  return {
    url: `https://${HOST}:${port}/federate?match[]=up`,
    serverName: HOST,
    verify: true,
    from: 'config',
  };
}

async function check(endpoint: LeafEndpointCollector, revision?: string) {
  const reading = endpoint.read(
    plan(),
    loopbackLookup,
    new AbortController().signal,
    revision,
  );
  const [facts, probe] = await Promise.all([reading.tls, reading.probe]);
  return { facts, probe };
}

const validDays = (validTo: string) =>
  Math.round((Date.parse(validTo) - Date.now()) / 86400e3);

const certificateAt = (notAfter: string): KubernetesFacts => ({
  ingress: { ok: false, reason: 'not read' },
  certificate: {
    ok: true,
    value: { found: true, dnsNames: [HOST], conditions: [], notAfter },
  },
});

describe('LeafEndpointCollector TLS sessions', () => {
  it("resumes the leaf's session on the next check and reports the certificate of its full handshake", async () => {
    const endpoint = new LeafEndpointCollector(path.join(dir, 'ca.pem'));
    const full = await check(endpoint);
    const again = await check(endpoint);
    expect(resumed).toEqual([false, true]);
    expect(full.facts.shownAt).toBeUndefined();
    expect(again.facts.certificate).toEqual(full.facts.certificate);
    expect(Date.parse(again.facts.shownAt!)).toBeLessThanOrEqual(Date.now());
    expect(again.facts.certificate).toMatchObject({
      subject: HOST,
      authorized: true,
    });
    expect(again.probe).toMatchObject({ status: 200, textFormat: true });
  });

  it('makes a full handshake when the certificate can have changed: the session too old', async () => {
    const endpoint = new LeafEndpointCollector(
      path.join(dir, 'ca.pem'),
      undefined,
      new TlsSessions(200),
    );
    expect(validDays((await check(endpoint)).facts.certificate!.validTo)).toBe(
      10,
    );
    renew();
    // Why a resumed check needs a rule: the session still carries the old certificate.
    const stale = await check(endpoint);
    expect(stale.facts.shownAt).toBeDefined();
    expect(validDays(stale.facts.certificate!.validTo)).toBe(10);

    await new Promise(r => setTimeout(r, 250));
    const aged = await check(endpoint);
    expect(aged.facts.shownAt).toBeUndefined();
    expect(resumed).toEqual([false, true, false]);
  });

  it("makes a full handshake when the cluster's Certificate was renewed since the session's", async () => {
    const endpoint = new LeafEndpointCollector(path.join(dir, 'ca.pem'));
    /** This refresh's check, with what Kubernetes says of the Certificate's validity end. */
    const checkWith = (notAfter: string) =>
      check(endpoint, certificateRevision(certificateAt(notAfter)));
    await checkWith('2027-01-01T00:00:00Z');
    renew();
    // Kubernetes still says the old revision: resumed, with the old certificate.
    const stale = await checkWith('2027-01-01T00:00:00Z');
    expect(stale.facts.shownAt).toBeDefined();
    expect(validDays(stale.facts.certificate!.validTo)).toBe(10);
    // Kubernetes says it was renewed: a full handshake shows the new certificate.
    const next = await checkWith('2027-01-11T00:00:00Z');
    expect(next.facts.shownAt).toBeUndefined();
    expect(validDays(next.facts.certificate!.validTo)).toBe(20);
    expect(resumed).toEqual([false, true, false]);
  });

  it('forgets the session when a connection fails', async () => {
    const endpoint = new LeafEndpointCollector(path.join(dir, 'ca.pem'));
    await check(endpoint);
    await new Promise(r => server.close(r));
    const refused = await check(endpoint);
    expect(refused.facts.error).toMatch(/ECONNREFUSED/);
    server = https.createServer(first, (_req, res) => res.end('up 1\n'));
    server.on('secureConnection', (socket: tls.TLSSocket) =>
      resumed.push(socket.isSessionReused()),
    );
    await new Promise<void>(r => server.listen(port, '127.0.0.1', r));
    expect((await check(endpoint)).facts.shownAt).toBeUndefined();
    expect(resumed).toEqual([false, false]);
  });
});
