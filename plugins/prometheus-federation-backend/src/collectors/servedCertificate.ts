import tls from 'node:tls';
import { ServedCertificate } from './types';

/** What the check reports of the certificate a leaf served, from the peer certificate and chain. */
export function describeCertificate(
  serverName: string,
  peer: tls.DetailedPeerCertificate,
  socket: tls.TLSSocket,
): ServedCertificate {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (
    let c: tls.DetailedPeerCertificate | undefined = peer;
    c && c.raw;
    c = c.issuerCertificate
  ) {
    const key = c.fingerprint256;
    if (seen.has(key)) break;
    seen.add(key);
    chain.push(first(c.subject?.CN) || '?');
  }
  const dnsNames = (peer.subjectaltname ?? '')
    .split(', ')
    .filter(n => n.startsWith('DNS:'))
    .map(n => n.slice(4));
  const authorizationError = socket.authorizationError
    ? String(socket.authorizationError)
    : undefined;
  return {
    subject: first(peer.subject?.CN),
    issuer: first(peer.issuer?.CN),
    dnsNames,
    validFrom: isoDate(peer.valid_from),
    validTo: isoDate(peer.valid_to),
    chain,
    authorized: socket.authorized,
    authorizationError,
    hostnameMatches: tls.checkServerIdentity(serverName, peer) === undefined,
  };
}

function isoDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`the served certificate has an unreadable date "${value}"`);
  }
  return date.toISOString();
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
