import fs from 'node:fs';
import net, { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { RequestCounter } from './requestCounter';
import { describeCertificate } from './servedCertificate';
import { getOverSocket } from './socketGet';
import { KnownHandshake, TlsSessions } from './tlsSessions';
import { ProbeFacts, ProbePlan, ServedCertificate, TlsFacts } from './types';

/** What one connection to a leaf tells: the served certificate, then the federate answer. */
export interface LeafEndpointReading {
  tls: Promise<TlsFacts>;
  probe: Promise<ProbeFacts>;
}

type Handshake = {
  certificate?: ServedCertificate;
  error?: NodeJS.ErrnoException;
  authorized: boolean;
  authorizationError?: string;
  /** The session was resumed: the certificate is the one its full handshake showed, then. */
  shownAt?: number;
};

/**
 * One connection per leaf and refresh, made as the federate job makes it (probePlan.ts): over
 * TLS the handshake gives the served certificate and chain (read even when untrusted: that is the
 * evidence), then the GET goes over the same socket. Over plain HTTP there is no certificate.
 * The leaf's TLS session is resumed while its certificate cannot have changed (tlsSessions.ts):
 * no certificate exchange, no key exchange, and the certificate of the last full handshake.
 */
export class LeafEndpointCollector {
  private readonly roots: string[];
  // Built once per CA: parsing the roots costs milliseconds of CPU per connection otherwise.
  private readonly contexts = new Map<
    string,
    { context: tls.SecureContext; id: number }
  >();

  constructor(
    caFile: string | undefined,
    private readonly counter?: RequestCounter,
    private readonly sessions = new TlsSessions(),
  ) {
    this.roots = [
      ...tls.rootCertificates,
      ...(caFile ? [fs.readFileSync(caFile, 'utf8')] : []),
    ];
  }

  private secureContext(extraCa = '') {
    let known = this.contexts.get(extraCa);
    if (!known) {
      known = {
        context: tls.createSecureContext({
          ca: extraCa ? [...this.roots, extraCa] : this.roots,
        }),
        id: this.contexts.size,
      };
      this.contexts.set(extraCa, known);
    }
    return known;
  }

  /** The leaf's session key: a session is offered only to the same address, name and trust. */
  private sessionKey(plan: ProbePlan): string {
    const url = new URL(plan.url);
    return `${url.host}|${plan.serverName}|${this.secureContext(plan.ca).id}`;
  }

  /**
   * `revision`: the cluster's cert-manager Certificate revision, read in the same refresh
   * (certificateRevision); a session whose full handshake saw another one is not resumed.
   */
  read(
    plan: ProbePlan,
    lookup: LookupFunction | undefined,
    signal: AbortSignal,
    revision?: string,
  ): LeafEndpointReading {
    const url = new URL(plan.url);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const secure = url.protocol === 'https:';
    const port = Number(url.port) || (secure ? 443 : 80);
    const started = Date.now();
    this.counter?.add(secure ? 'tls' : 'http');
    const key = secure ? this.sessionKey(plan) : '';
    if (secure) this.sessions.revised(key, revision);
    const resume = secure ? this.sessions.resumable(key) : undefined;
    const socket: net.Socket = secure
      ? tls.connect({
          host,
          port,
          // RFC 6066: no IP addresses as server names.
          servername: net.isIP(plan.serverName) ? undefined : plan.serverName,
          secureContext: this.secureContext(plan.ca).context,
          rejectUnauthorized: false,
          session: resume?.session,
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
        if (resume && tlsSocket.isSessionReused()) {
          resolve(resumedHandshake(resume));
          return;
        }
        // Inside an event listener a throw would be uncaught: turn it into the check's error.
        try {
          const peer = tlsSocket.getPeerCertificate(true);
          const shake: Handshake = {
            certificate:
              peer && peer.raw
                ? describeCertificate(plan.serverName, peer, tlsSocket)
                : undefined,
            authorized: tlsSocket.authorized,
            authorizationError: tlsSocket.authorizationError
              ? String(tlsSocket.authorizationError)
              : undefined,
          };
          if (shake.certificate)
            this.sessions.shown(key, {
              certificate: shake.certificate,
              authorized: shake.authorized,
              authorizationError: shake.authorizationError,
              at: Date.now(),
              revision,
            });
          resolve(shake);
        } catch (error) {
          resolve({ error: error as NodeJS.ErrnoException, authorized: false });
        }
      });
      // A refused or failed handshake is a fact about the leaf, not a failure of the check.
      socket.once('error', (error: NodeJS.ErrnoException) => {
        if (secure) this.sessions.forget(key);
        resolve({ error, authorized: false });
      });
    });

    // After the handshake's listener: a full handshake records its certificate before the session.
    if (secure) this.keepSessions(socket as tls.TLSSocket, key);

    const tlsFacts = handshake.then(
      ({ certificate, error, shownAt }): TlsFacts => {
        if (signal.aborted) throw new Error('aborted');
        if (!secure)
          return { skipped: 'the federate job scrapes over plain HTTP' };
        if (certificate)
          return shownAt
            ? { certificate, shownAt: new Date(shownAt).toISOString() }
            : { certificate };
        if (error)
          return {
            error: error.code
              ? `${error.code}: ${error.message}`
              : error.message,
          };
        return { error: 'no certificate served' };
      },
    );

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

  /**
   * The sessions (tickets) the leaf issues on this connection, kept with its certificate. Under
   * TLS 1.2 the session can come before 'secureConnect' records the certificate: held until then.
   */
  private keepSessions(socket: tls.TLSSocket, key: string): void {
    let latest: Buffer | undefined;
    let connected = false;
    socket.on('session', session => {
      latest = session;
      if (connected) this.sessions.issued(key, session);
    });
    socket.once('secureConnect', () => {
      connected = true;
      if (latest) this.sessions.issued(key, latest);
    });
  }
}

function resumedHandshake(known: KnownHandshake): Handshake {
  return {
    certificate: known.certificate,
    authorized: known.authorized,
    authorizationError: known.authorizationError,
    shownAt: known.at,
  };
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
