import {
  CLUSTER_ISSUER,
  CLUSTER_RESOURCES_APP,
  INGRESS_NAME,
  MONITORING_NAMESPACE,
  tlsSecretName,
} from '@promfed/plugin-prometheus-federation-common';
import { createHash } from 'node:crypto';

/** A stable UUID per object, so uids survive daemon restarts like they survive API server restarts. */
export function stableUid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

/** RFC 3339 without fractions, as the API server writes times. */
export function k8sTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface IngressOptions {
  cluster: string;
  host: string;
  /** Undefined: the controller has not (or could not) set an address. */
  loadBalancerHostname?: string;
  createdAt: Date;
  resourceVersion: string;
}

/** The leaf's Ingress, as the cluster-resources app deploys it (docs/federation-setup.md#leaf-exposure). */
export function ingressObject(o: IngressOptions) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: INGRESS_NAME,
      namespace: MONITORING_NAMESPACE,
      uid: stableUid(o.cluster, 'ingress', INGRESS_NAME),
      resourceVersion: o.resourceVersion,
      generation: 1,
      creationTimestamp: k8sTime(o.createdAt),
      labels: { 'app.kubernetes.io/instance': CLUSTER_RESOURCES_APP },
      annotations: {
        'cert-manager.io/cluster-issuer': CLUSTER_ISSUER,
        'external-dns.alpha.kubernetes.io/hostname': o.host,
        'nginx.ingress.kubernetes.io/backend-protocol': 'HTTP',
      },
    } satisfies ObjectMeta,
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [o.host], secretName: tlsSecretName(o.cluster) }],
      rules: [
        {
          host: o.host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: {
                    name: 'kube-prometheus-stack-prometheus',
                    port: { number: 9090 },
                  },
                },
              },
            ],
          },
        },
      ],
    },
    // Without an address the API server omits the empty list: `loadBalancer: {}`.
    status: {
      loadBalancer: o.loadBalancerHostname
        ? { ingress: [{ hostname: o.loadBalancerHostname }] }
        : {},
    },
  };
}

export type CertificateCondition = 'ready' | 'expired' | 'renewal-failing';

export interface CertificateOptions {
  cluster: string;
  host: string;
  createdAt: Date;
  resourceVersion: string;
  /** Validity of the certificate the leaf really serves. */
  notBefore: Date;
  notAfter: Date;
  revision: number;
  condition: CertificateCondition;
  now: Date;
}

/** cert-manager's renewal point: two thirds into the certificate's lifetime. */
export function renewalTime(notBefore: Date, notAfter: Date): Date {
  return new Date(
    notBefore.getTime() + ((notAfter.getTime() - notBefore.getTime()) * 2) / 3,
  );
}

/** The cert-manager Certificate behind the Ingress's TLS secret, with the status cert-manager writes. */
export function certificateObject(o: CertificateOptions) {
  const name = tlsSecretName(o.cluster);
  const since = k8sTime(o.now);
  const issued = k8sTime(o.notBefore);
  const status: Record<string, unknown> = {
    notBefore: k8sTime(o.notBefore),
    notAfter: k8sTime(o.notAfter),
    renewalTime: k8sTime(renewalTime(o.notBefore, o.notAfter)),
    revision: o.revision,
  };
  if (o.condition === 'ready') {
    status.conditions = [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Ready',
        message: 'Certificate is up to date and has not expired',
        lastTransitionTime: issued,
        observedGeneration: 1,
      },
    ];
  } else if (o.condition === 'expired') {
    status.conditions = [
      {
        type: 'Ready',
        status: 'False',
        reason: 'Expired',
        message: `Certificate expired on ${o.notAfter.toUTCString()}`,
        lastTransitionTime: k8sTime(o.notAfter),
        observedGeneration: 1,
      },
      {
        type: 'Issuing',
        status: 'True',
        reason: 'Expired',
        message: 'Renewing certificate as certificate has expired',
        lastTransitionTime: since,
        observedGeneration: 1,
      },
    ];
  } else {
    // Renewal failing: Issuing False/Failed while Ready stays True until the old certificate expires.
    status.renewalTime = k8sTime(new Date(o.now.getTime() - 3 * 86_400_000));
    status.lastFailureTime = since;
    status.failedIssuanceAttempts = 3;
    status.conditions = [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Ready',
        message: 'Certificate is up to date and has not expired',
        lastTransitionTime: issued,
        observedGeneration: 1,
      },
      {
        type: 'Issuing',
        status: 'False',
        reason: 'Failed',
        message:
          'The certificate request has failed to complete and will be retried: Failed to wait for order resource ' +
          `"${name}-1-3204291872" to become ready: order is in "invalid" state: acme: authorization error`,
        lastTransitionTime: since,
        observedGeneration: 1,
      },
    ];
  }
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: {
      name,
      namespace: MONITORING_NAMESPACE,
      uid: stableUid(o.cluster, 'certificate', name),
      resourceVersion: o.resourceVersion,
      generation: 1,
      creationTimestamp: k8sTime(o.createdAt),
      labels: { 'app.kubernetes.io/instance': CLUSTER_RESOURCES_APP },
    } satisfies ObjectMeta,
    spec: {
      dnsNames: [o.host],
      issuerRef: {
        group: 'cert-manager.io',
        kind: 'ClusterIssuer',
        name: CLUSTER_ISSUER,
      },
      secretName: name,
      usages: ['digital signature', 'key encipherment'],
    },
    status,
  };
}

/** A list as the API server returns it: the items carry no apiVersion/kind of their own. */
export function listObject(
  apiVersion: string,
  kind: string,
  resourceVersion: string,
  items: object[],
) {
  return {
    apiVersion,
    kind: `${kind}List`,
    metadata: { resourceVersion },
    items: items.map(item => {
      const {
        apiVersion: _a,
        kind: _k,
        ...rest
      } = item as Record<string, unknown>;
      return rest;
    }),
  };
}

/** The API server's error body. */
export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export function notFound(group: string, resource: string, name: string) {
  return statusObject(
    404,
    'NotFound',
    `${resource}.${group} "${name}" not found`,
    {
      name,
      group,
      kind: resource,
    },
  );
}
