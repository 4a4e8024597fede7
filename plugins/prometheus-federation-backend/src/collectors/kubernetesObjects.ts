import { V1Ingress } from '@kubernetes/client-node';
import { CertificateFacts, IngressFacts } from './types';

export function isNotFound(error: unknown): boolean {
  return (error as { code?: number })?.code === 404;
}

export function describeError(error: unknown, what: string): Error {
  const code = (error as { code?: number })?.code;
  if (typeof code === 'number') {
    // ApiException messages embed the response body and headers; keep only the status.
    return new Error(`HTTP ${code} reading ${what}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function parseIngress(ingress: V1Ingress): IngressFacts {
  return {
    found: true,
    hosts: (ingress.spec?.rules ?? [])
      .map(r => r.host)
      .filter((h): h is string => !!h),
    tlsSecrets: (ingress.spec?.tls ?? [])
      .map(t => t.secretName)
      .filter((s): s is string => !!s),
    tlsHosts: (ingress.spec?.tls ?? []).flatMap(t => t.hosts ?? []),
    loadBalancer: (ingress.status?.loadBalancer?.ingress ?? []).map(i => ({
      ip: i.ip,
      hostname: i.hostname,
    })),
  };
}

export function parseCertificate(object: any): CertificateFacts {
  const status = object?.status ?? {};
  return {
    found: true,
    dnsNames: object?.spec?.dnsNames ?? [],
    conditions: (status.conditions ?? []).map((c: any) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
      lastTransitionTime: c.lastTransitionTime,
    })),
    notAfter: status.notAfter,
    renewalTime: status.renewalTime,
    failedIssuanceAttempts: status.failedIssuanceAttempts,
  };
}

export const NO_INGRESS: IngressFacts = {
  found: false,
  hosts: [],
  tlsSecrets: [],
  tlsHosts: [],
  loadBalancer: [],
};
export const NO_CERTIFICATE: CertificateFacts = {
  found: false,
  dnsNames: [],
  conditions: [],
};
