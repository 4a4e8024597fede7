import type { CustomObjectsApi } from '@kubernetes/client-node';
import { isIP } from 'node:net';
import {
  CertificateCondition,
  HttpRouteFacts,
  HttpRouteParent,
  KubernetesFacts,
} from './types';

/** Gateway API as cert-manager and external-dns read it (gateway.networking.k8s.io/v1). */
const GROUP = 'gateway.networking.k8s.io';
const VERSION = 'v1';

export const NO_HTTP_ROUTE: HttpRouteFacts = {
  found: false,
  hostnames: [],
  parents: [],
};

const conditionsOf = (list: any): CertificateCondition[] =>
  (Array.isArray(list) ? list : []).map((c: any) => ({
    type: c.type,
    status: c.status,
    reason: c.reason,
    message: c.message,
    lastTransitionTime: c.lastTransitionTime,
  }));

/**
 * The route's hostnames and, per parent Gateway in `spec.parentRefs`, the conditions the
 * Gateway's controller wrote in `status.parents[]`. A parentRef without a namespace is in the
 * route's namespace (Gateway API defaulting).
 */
export function parseHttpRoute(object: any): HttpRouteFacts {
  const routeNamespace = object?.metadata?.namespace ?? '';
  const refs: any[] = object?.spec?.parentRefs ?? [];
  const statuses: any[] = object?.status?.parents ?? [];
  const parents: HttpRouteParent[] = refs
    .filter(r => (r.kind ?? 'Gateway') === 'Gateway' && r.name)
    .map(r => {
      const namespace = r.namespace ?? routeNamespace;
      const status = statuses.find(
        s =>
          s.parentRef?.name === r.name &&
          (s.parentRef?.namespace ?? routeNamespace) === namespace,
      );
      return {
        namespace,
        name: r.name,
        conditions: conditionsOf(status?.conditions),
      };
    });
  return {
    found: true,
    hostnames: (object?.spec?.hostnames ?? []).filter(
      (h: unknown): h is string => typeof h === 'string',
    ),
    parents,
  };
}

/** A Gateway's `status.addresses` values (hostnames or IPs of its load balancer). */
export function gatewayAddresses(object: any): string[] {
  return (object?.status?.addresses ?? [])
    .map((a: any) => a?.value)
    .filter((v: unknown): v is string => typeof v === 'string' && v !== '');
}

/**
 * Reads the HTTPRoute, then each parent Gateway for its addresses. A Gateway that cannot be read leaves its addresses unknown, named in gatewayError.
 */
export async function readHttpRoute(
  custom: CustomObjectsApi,
  route: { namespace: string; name: string },
  isNotFound: (error: unknown) => boolean,
): Promise<HttpRouteFacts> {
  // A missing route throws a 404: the caller's read turns it into NO_HTTP_ROUTE.
  const facts = parseHttpRoute(
    await custom.getNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: route.namespace,
      plural: 'httproutes',
      name: route.name,
    }),
  );
  const parents = await Promise.all(
    facts.parents.map(async parent => {
      try {
        const gateway = await custom.getNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace: parent.namespace,
          plural: 'gateways',
          name: parent.name,
        });
        return { ...parent, addresses: gatewayAddresses(gateway) };
      } catch (error) {
        const code = (error as { code?: number })?.code;
        const gatewayError = isNotFound(error)
          ? 'not found'
          : `HTTP ${code ?? 'error'}`;
        return { ...parent, gatewayError };
      }
    }),
  );
  return { ...facts, parents };
}

/**
 * The load balancer the leaf host must resolve to: the Ingress's, or, when the leaf is exposed
 * by its HTTPRoute (no Ingress), the parent Gateways' addresses. IPs and host names apart.
 */
export function exposureLoadBalancer(kubernetes: KubernetesFacts | undefined): {
  via: 'Ingress' | 'Gateway';
  ips: string[];
  hostnames: string[];
} {
  const ingress = kubernetes?.ingress.ok ? kubernetes.ingress.value : undefined;
  const route = kubernetes?.httpRoute?.ok
    ? kubernetes.httpRoute.value
    : undefined;
  if (!ingress?.found && route?.found) {
    const values = route.parents.flatMap(p => p.addresses ?? []);
    return {
      via: 'Gateway',
      ips: values.filter(v => isIP(v)),
      hostnames: values.filter(v => !isIP(v)),
    };
  }
  const entries = ingress?.loadBalancer ?? [];
  return {
    via: 'Ingress',
    ips: entries.map(a => a.ip).filter((ip): ip is string => !!ip),
    hostnames: entries.map(a => a.hostname).filter((n): n is string => !!n),
  };
}
