import fs from 'node:fs';
import { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { RequestCounter } from './requestCounter';
import { ServedCertificate, TlsFacts } from './types';

/** Reads the certificate a leaf serves for its host, and whether it is trusted and names the host. */
export class TlsCollector {
  private readonly ca: string[];

  constructor(caFile: string | undefined, private readonly counter?: RequestCounter) {
    this.ca = [...tls.rootCertificates, ...(caFile ? [fs.readFileSync(caFile, 'utf8')] : [])];
  }

  handshake(host: string, port: number, lookup: LookupFunction | undefined, signal: AbortSignal): Promise<TlsFacts> {
    this.counter?.add('tls');
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host,
        port,
        servername: host,
        ca: this.ca,
        // Read the certificate even when it is not trusted: that is the evidence.
        rejectUnauthorized: false,
        lookup,
      });
      const abort = () => {
        socket.destroy();
        reject(new Error('aborted'));
      };
      signal.addEventListener('abort', abort, { once: true });
      socket.once('secureConnect', () => {
        signal.removeEventListener('abort', abort);
        const peer = socket.getPeerCertificate(true);
        const certificate = peer && peer.raw ? describe(host, peer, socket) : undefined;
        socket.end();
        resolve(certificate ? { certificate } : { error: 'no certificate served' });
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        signal.removeEventListener('abort', abort);
        socket.destroy();
        // A refused or failed handshake is a fact about the leaf, not a failure of the check.
        resolve({ error: error.code ? `${error.code}: ${error.message}` : error.message });
      });
    });
  }
}

function describe(host: string, peer: tls.DetailedPeerCertificate, socket: tls.TLSSocket): ServedCertificate {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let c: tls.DetailedPeerCertificate | undefined = peer; c && c.raw; c = c.issuerCertificate) {
    const key = c.fingerprint256;
    if (seen.has(key)) break;
    seen.add(key);
    chain.push(first(c.subject?.CN) || '?');
  }
  const dnsNames = (peer.subjectaltname ?? '')
    .split(', ')
    .filter(n => n.startsWith('DNS:'))
    .map(n => n.slice(4));
  const authorizationError = socket.authorizationError ? String(socket.authorizationError) : undefined;
  return {
    subject: first(peer.subject?.CN),
    issuer: first(peer.issuer?.CN),
    dnsNames,
    validFrom: new Date(peer.valid_from).toISOString(),
    validTo: new Date(peer.valid_to).toISOString(),
    chain,
    authorized: socket.authorized,
    authorizationError,
    hostnameMatches: tls.checkServerIdentity(host, peer) === undefined,
  };
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
