import { leafHost } from '@promfed/plugin-prometheus-federation-common';
import tls from 'node:tls';
import { InProcessIssuer } from '../certificates/inProcessIssuer';
import type { FleetFault } from './faults';

const DAY = 86_400_000;

export interface IssuedCertificate {
  pem: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * One certificate per leaf host, issued in-process by the lab CA when first asked for (by a
 * handshake or by the Kubernetes Certificate), and its TLS context for the leaf server's SNI.
 * Dates as the lab's openssl certificates: 90 days from an hour ago, or entirely past when the
 * cluster carries `certificate-expired`.
 */
export class FleetCertificates {
  private readonly issued = new Map<string, IssuedCertificate>();
  private readonly contexts = new Map<string, tls.SecureContext>();
  private readonly issuer: InProcessIssuer;
  readonly hostToCluster = new Map<string, string>();
  private readonly now = Date.now();

  constructor(
    private readonly o: {
      caCertPem: string;
      caKeyPem: string;
      clusters: string[];
      domain: string;
      faults: Record<string, FleetFault>;
    },
  ) {
    this.issuer = new InProcessIssuer(o.caCertPem, o.caKeyPem);
    for (const c of o.clusters)
      this.hostToCluster.set(leafHost(c, o.domain), c);
  }

  certificate(cluster: string): IssuedCertificate {
    let cert = this.issued.get(cluster);
    if (!cert) {
      const expired = this.o.faults[cluster] === 'certificate-expired';
      const notBefore = new Date(
        expired ? this.now - 100 * DAY : this.now - 3600_000,
      );
      const notAfter = new Date(
        expired ? this.now - 10 * DAY : notBefore.getTime() + 90 * DAY,
      );
      const host = leafHost(cluster, this.o.domain);
      cert = {
        pem: this.issuer.issue({ host, notBefore, notAfter }),
        notBefore,
        notAfter,
      };
      this.issued.set(cluster, cert);
    }
    return cert;
  }

  /** The context for an SNI name: the leaf's own certificate, undefined for unknown names. */
  contextFor(serverName: string): tls.SecureContext | undefined {
    const cluster = this.hostToCluster.get(serverName.toLowerCase());
    if (!cluster) return undefined;
    let context = this.contexts.get(cluster);
    if (!context) {
      context = tls.createSecureContext({
        cert: this.certificate(cluster).pem,
        key: this.issuer.keyPem,
      });
      this.contexts.set(cluster, context);
    }
    return context;
  }

  /** What a client without SNI (or with an unknown name) gets, like ingress-nginx's default certificate. */
  defaultCertificate(): { cert: string; key: string } {
    return {
      cert: this.issuer.issue({
        host: `ingress-default.${this.o.domain}`,
        notBefore: new Date(this.now - 3600_000),
        notAfter: new Date(this.now + 90 * DAY),
      }),
      key: this.issuer.keyPem,
    };
  }
}
