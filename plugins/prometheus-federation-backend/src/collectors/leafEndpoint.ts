import fs from 'node:fs';
import http from 'node:http';
import net, { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { RequestCounter } from './requestCounter';
import { ProbeFacts, ProbePlan, ServedCertificate, TlsFacts } from './types';

/** What one connection to a leaf tells: the served certificate, then the federate answer. */
export interface LeafEndpointReading {
  tls: Promise<TlsFacts>;
  probe: Promise<ProbeFacts>;
}

const MAX_BODY = 64 * 1024;

type Handshake = {
  certificate?: ServedCertificate;
  error?: NodeJS.ErrnoException;
  authorized: boolean;
  authorizationError?: string;
};

/**
 * One connection per leaf and refresh, made as the federate job makes it (probePlan.ts): over
 * TLS the handshake gives the served certificate and chain (read even when untrusted: that is the
 * evidence), then the GET goes over the same socket. Over plain HTTP there is no certificate.
 */
export class LeafEndpointCollector {
  private readonly roots: string[];
  // Built once per CA: parsing the roots costs milliseconds of CPU per connection otherwise.
  private readonly contexts = new Map<string, tls.SecureContext>();

  constructor(
    caFile: string | undefined,
    private readonly counter?: RequestCounter,
  ) {
    this.roots = [
      ...tls.rootCertificates,
      ...(caFile ? [fs.readFileSync(caFile, 'utf8')] : []),
    ];
  }

  private secureContext(extraCa = ''): tls.SecureContext {
    let context = this.contexts.get(extraCa);
    if (!context) {
      context = tls.createSecureContext({
        ca: extraCa ? [...this.roots, extraCa] : this.roots,
      });
      this.contexts.set(extraCa, context);
    }
    return context;
  }

  read(
    plan: ProbePlan,
    lookup: LookupFunction | undefined,
    signal: AbortSignal,
  ): LeafEndpointReading {
    const url = new URL(plan.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const secure = url.protocol === 'https:';
    const port = Number(url.port) || (secure ? 443 : 80);
    const started = Date.now();
    this.counter?.add(secure ? 'tls' : 'http');
    const socket: net.Socket = secure
      ? tls.connect({
          host,
          port,
          // RFC 6066: no IP addresses as server names.
          servername: net.isIP(plan.serverName) ? undefined : plan.serverName,
          secureContext: this.secureContext(plan.ca),
          rejectUnauthorized: false,
          lookup,
        })
      : net.connect({ host, port, lookup });
    const abort = () => socket.destroy(new Error('aborted'));
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    socket.once('close', () => signal.removeEventListener('abort', abort));

    const handshake = new Promise<Handshake>(resolve => {
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        if (!secure) {
          resolve({ authorized: true });
          return;
        }
        const tlsSocket = socket as tls.TLSSocket;
        // Inside an event listener a throw would be uncaught: turn it into the check's error.
        try {
          const peer = tlsSocket.getPeerCertificate(true);
          resolve({
            certificate:
              peer && peer.raw
                ? describeCertificate(plan.serverName, peer, tlsSocket)
                : undefined,
            authorized: tlsSocket.authorized,
            authorizationError: tlsSocket.authorizationError
              ? String(tlsSocket.authorizationError)
              : undefined,
          });
        } catch (error) {
          resolve({ error: error as NodeJS.ErrnoException, authorized: false });
        }
      });
      // A refused or failed handshake is a fact about the leaf, not a failure of the check.
      socket.once('error', (error: NodeJS.ErrnoException) =>
        resolve({ error, authorized: false }),
      );
    });

    const tlsFacts = handshake.then(({ certificate, error }): TlsFacts => {
      if (signal.aborted) throw new Error('aborted');
      if (!secure)
        return { skipped: 'the federate job scrapes over plain HTTP' };
      if (certificate) return { certificate };
      if (error)
        return {
          error: error.code ? `${error.code}: ${error.message}` : error.message,
        };
      return { error: 'no certificate served' };
    });

    const probe = handshake.then(async (shake): Promise<ProbeFacts> => {
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
      if (shake.error) return failed(shake.error);
      // A verifying job fails an untrusted certificate, or one for another name: so does the probe.
      const refusal = secure && plan.verify && untrusted(plan, shake);
      if (refusal) return failed(refusal);
      this.counter?.add('probe');
      try {
        const response = await getOverSocket(socket, url);
        const contentType = String(response.headers['content-type'] ?? '');
        const location = response.headers.location;
        return {
          status: response.status,
          ...(typeof location === 'string' ? { location } : {}),
          contentType,
          // An empty body is valid (no series matched); otherwise it must start like
          // exposition text, not like a proxy's "OK".
          textFormat:
            contentType.startsWith('text/plain') &&
            (response.body.trim() === '' ||
              /^(# (TYPE|HELP) |[a-zA-Z_:][\w:]*(\{| ))/.test(
                response.body.trimStart(),
              )),
          durationMs: Date.now() - started,
        };
      } catch (e) {
        return failed(e as NodeJS.ErrnoException);
      } finally {
        socket.destroy();
      }
    });
    return { tls: tlsFacts, probe };
  }
}

/** The error a verifying scrape would raise for this handshake, with Node's code; else undefined. */
function untrusted(
  plan: ProbePlan,
  shake: Handshake,
): NodeJS.ErrnoException | undefined {
  const wrongName =
    shake.authorizationError === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
    (shake.certificate && !shake.certificate.hostnameMatches);
  if (!shake.authorized && !wrongName) {
    const code = shake.authorizationError ?? 'UNTRUSTED_CERTIFICATE';
    return Object.assign(new Error(code.toLowerCase().replace(/_/g, ' ')), {
      code,
    });
  }
  if (wrongName) {
    const names = shake.certificate?.dnsNames.join(', ') || '(none)';
    return Object.assign(
      new Error(`certificate is valid for ${names}, not ${plan.serverName}`),
      { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    );
  }
  return undefined;
}

/** GET the plan's path and query on an already connected socket; reads at most the start of the body. */
function getOverSocket(socket: net.Socket, url: URL) {
  return new Promise<{
    status: number;
    headers: Record<string, unknown>;
    body: string;
  }>((resolve, reject) => {
    const request = http.request(
      {
        method: 'GET',
        path: `${url.pathname}${url.search}`,
        headers: { Accept: 'text/plain', Host: url.host },
        // No agent: the request goes over the connection already opened.
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
