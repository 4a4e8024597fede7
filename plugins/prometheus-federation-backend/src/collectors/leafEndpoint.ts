import fs from 'node:fs';
import https from 'node:https';
import { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { RequestCounter } from './requestCounter';
import { ProbeFacts, ServedCertificate, TlsFacts } from './types';

/** What one connection to a leaf's Ingress tells: the served certificate, then the federate answer. */
export interface LeafEndpointReading {
  tls: Promise<TlsFacts>;
  probe: Promise<ProbeFacts>;
}

/**
 * One TLS connection per leaf and refresh: the handshake gives the served certificate and chain
 * (read even when untrusted: that is the evidence), then `GET /federate?match[]=up` goes over the
 * same socket, as the debug pod of docs/federation-setup.md#troubleshooting-order sends it. One
 * handshake instead of two.
 */
export class LeafEndpointCollector {
  private readonly secureContext: tls.SecureContext;

  constructor(
    caFile: string | undefined,
    private readonly counter?: RequestCounter,
  ) {
    // Built once: parsing the system roots plus the CA file costs milliseconds of CPU per
    // connection when `ca` is passed to every tls.connect.
    this.secureContext = tls.createSecureContext({
      ca: [
        ...tls.rootCertificates,
        ...(caFile ? [fs.readFileSync(caFile, 'utf8')] : []),
      ],
    });
  }

  read(
    host: string,
    port: number,
    lookup: LookupFunction | undefined,
    signal: AbortSignal,
  ): LeafEndpointReading {
    this.counter?.add('tls');
    const started = Date.now();
    const socket = tls.connect({
      host,
      port,
      servername: host,
      secureContext: this.secureContext,
      rejectUnauthorized: false,
      lookup,
    });
    const abort = () => socket.destroy(new Error('aborted'));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    socket.once('close', () => signal.removeEventListener('abort', abort));

    const handshake = new Promise<{
      certificate?: ServedCertificate;
      error?: NodeJS.ErrnoException;
    }>(resolve => {
      socket.once('secureConnect', () => {
        // Inside an event listener a throw would be uncaught: turn it into the check's error.
        try {
          const peer = socket.getPeerCertificate(true);
          resolve({
            certificate:
              peer && peer.raw
                ? describeCertificate(host, peer, socket)
                : undefined,
          });
        } catch (error) {
          resolve({ error: error as NodeJS.ErrnoException });
        }
      });
      // A refused or failed handshake is a fact about the leaf, not a failure of the check.
      socket.once('error', (error: NodeJS.ErrnoException) =>
        resolve({ error }),
      );
    });

    const tlsFacts = handshake.then(({ certificate, error }): TlsFacts => {
      if (signal.aborted) throw new Error('aborted');
      if (certificate) return { certificate };
      if (error)
        return {
          error: error.code ? `${error.code}: ${error.message}` : error.message,
        };
      return { error: 'no certificate served' };
    });

    const probe = handshake.then(
      async ({ certificate, error }): Promise<ProbeFacts> => {
        const failed = (e: NodeJS.ErrnoException): ProbeFacts => {
          socket.destroy();
          if (signal.aborted) throw e;
          return {
            textFormat: false,
            durationMs: Date.now() - started,
            error: e.message,
            errorCode: e.code,
          };
        };
        if (error) return failed(error);
        // Ops Prometheus verifies the certificate: an untrusted one fails the probe as it would fail the scrape.
        if (!socket.authorized)
          return failed(untrusted(host, socket, certificate));
        this.counter?.add('probe');
        try {
          const response = await getOverSocket(socket, host, port);
          const contentType = String(response.headers['content-type'] ?? '');
          return {
            status: response.status,
            contentType,
            // An empty body is valid (no series matched); otherwise it must start like
            // exposition text, not like a proxy's "OK".
            textFormat:
              contentType.startsWith('text/plain') &&
              (response.body.trim() === '' ||
                /^(# (TYPE|HELP) |up\{)/.test(response.body.trimStart())),
            durationMs: Date.now() - started,
          };
        } catch (e) {
          return failed(e as NodeJS.ErrnoException);
        } finally {
          socket.destroy();
        }
      },
    );
    return { tls: tlsFacts, probe };
  }
}

/** The error https would have raised for a certificate it does not trust, with the same code. */
function untrusted(
  host: string,
  socket: tls.TLSSocket,
  certificate?: ServedCertificate,
): NodeJS.ErrnoException {
  const code = String(socket.authorizationError ?? 'UNTRUSTED_CERTIFICATE');
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = certificate?.dnsNames.map(n => `DNS:${n}`).join(', ') ?? '';
    return Object.assign(
      new Error(
        `Hostname/IP does not match certificate's altnames: Host: ${host}. is not in the cert's altnames: ${names}`,
      ),
      { code },
    );
  }
  const text = code.toLowerCase().replace(/_/g, ' ');
  return Object.assign(new Error(text), { code });
}

const MAX_BODY = 64 * 1024;

/** GET /federate?match[]=up on an already connected TLS socket; reads at most the start of the body. */
function getOverSocket(socket: tls.TLSSocket, host: string, port: number) {
  return new Promise<{
    status: number;
    headers: Record<string, unknown>;
    body: string;
  }>((resolve, reject) => {
    const request = https.request(
      {
        host,
        port,
        path: '/federate?match[]=up',
        method: 'GET',
        headers: { Accept: 'text/plain' },
        // No agent: the request goes over the connection the handshake opened.
        createConnection: () => socket,
      },
      response => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= MAX_BODY) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('close', done);
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

export function describeCertificate(
  host: string,
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
    hostnameMatches: tls.checkServerIdentity(host, peer) === undefined,
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
