import { ServedCertificate } from './types';

/** How long a leaf's TLS session is resumed before the check makes a full handshake again. */
export const TLS_SESSION_MAX_AGE_MS = 10 * 60_000;

/** What the last full handshake with a leaf showed, and the session to resume it with. */
export interface KnownHandshake {
  certificate: ServedCertificate;
  authorized: boolean;
  authorizationError?: string;
  /** When the full handshake was made (ms since the epoch). */
  at: number;
  /** The cert-manager Certificate's revision the check saw with it (see certificateRevision). */
  revision?: string;
}

/**
 * Each leaf's TLS session and the certificate its last full handshake showed. A resumed session
 * has no certificate exchange: the check reports the certificate of the full handshake, so it
 * resumes only while that certificate cannot have changed unseen. A full handshake is made when
 * - there is no session (the first check, or the last connection failed);
 * - the full handshake is older than TLS_SESSION_MAX_AGE_MS (a certificate replaced by hand, a
 *   server restarted with another one);
 * - the certificate it showed expires within that age (renewal is due);
 * - the cluster's cert-manager Certificate has another revision than the one seen with the session
 *   (renewed or reissued): the session is dropped (forget).
 * One session (about 2 kB with its ticket) is kept per leaf; leaves no longer checked age out.
 */
export class TlsSessions {
  private readonly known = new Map<
    string,
    KnownHandshake & { session?: Buffer }
  >();

  constructor(private readonly maxAgeMs = TLS_SESSION_MAX_AGE_MS) {}

  /** The session to offer and what its full handshake showed; undefined when a full one is due. */
  resumable(
    key: string,
    now = Date.now(),
  ): (KnownHandshake & { session: Buffer }) | undefined {
    const known = this.known.get(key);
    if (!known?.session) return undefined;
    const expiresAt = Date.parse(known.certificate.validTo);
    if (now - known.at >= this.maxAgeMs || expiresAt - now <= this.maxAgeMs) {
      this.known.delete(key);
      return undefined;
    }
    return { ...known, session: known.session };
  }

  /** A full handshake's certificate: the sessions the server issues next are kept with it. */
  shown(key: string, handshake: KnownHandshake): void {
    // Re-inserted at the end: the map stays in the order of the handshakes, oldest first.
    this.known.delete(key);
    this.known.set(key, { ...handshake });
    this.evictAged(handshake.at);
  }

  /** A session (ticket) the server issued on a connection whose certificate is known. */
  issued(key: string, session: Buffer): void {
    const known = this.known.get(key);
    if (known) known.session = session;
  }

  forget(key: string): void {
    this.known.delete(key);
  }

  /**
   * The Certificate's revision as Kubernetes says now. The first one is kept with the session; a
   * different one later drops it and answers true: the certificate can have changed.
   */
  revised(key: string, revision: string | undefined): boolean {
    const known = this.known.get(key);
    if (!known || revision === undefined) return false;
    if (known.revision === undefined) {
      known.revision = revision;
      return false;
    }
    if (known.revision === revision) return false;
    this.known.delete(key);
    return true;
  }

  get size(): number {
    return this.known.size;
  }

  private evictAged(now: number): void {
    for (const [key, known] of this.known) {
      if (now - known.at < this.maxAgeMs) return;
      this.known.delete(key);
    }
  }
}
