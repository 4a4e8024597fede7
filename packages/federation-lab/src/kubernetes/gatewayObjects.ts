import {
  CLUSTER_ISSUER,
  CLUSTER_RESOURCES_APP,
  HTTP_ROUTE_NAME,
  MONITORING_NAMESPACE,
  tlsSecretName,
} from '@promfed/plugin-prometheus-federation-common';
import { k8sTime, ObjectMeta, stableUid } from './objects';

/** The shared Gateway a leaf in gateway mode is exposed on, as platform teams usually name it. */
export const LAB_GATEWAY = { namespace: 'gateway-system', name: 'shared' };

export interface GatewayObjectOptions {
  cluster: string;
  host: string;
  /** Undefined: the controller has not (or could not) set an address. */
  loadBalancerHostname?: string;
  createdAt: Date;
  resourceVersion: string;
  /** The route's parent conditions; `backend-missing` as when the Service name is wrong. */
  routeCondition?: 'accepted' | 'backend-missing';
}

const condition = (
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  since: string,
) => ({
  type,
  status: ok ? 'True' : 'False',
  reason,
  message,
  observedGeneration: 1,
  lastTransitionTime: since,
});

/** The leaf's HTTPRoute as the scaffolder writes it, with the status a Gateway controller writes. */
export function httpRouteObject(o: GatewayObjectOptions) {
  const since = k8sTime(o.createdAt);
  const resolved = o.routeCondition !== 'backend-missing';
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: HTTP_ROUTE_NAME,
      namespace: MONITORING_NAMESPACE,
      uid: stableUid(o.cluster, 'httproute', HTTP_ROUTE_NAME),
      resourceVersion: o.resourceVersion,
      generation: 1,
      creationTimestamp: since,
      labels: { 'app.kubernetes.io/instance': CLUSTER_RESOURCES_APP },
    } satisfies ObjectMeta,
    spec: {
      parentRefs: [{ ...LAB_GATEWAY, sectionName: 'https' }],
      hostnames: [o.host],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { name: 'kube-prometheus-stack-prometheus', port: 9090 },
          ],
        },
      ],
    },
    status: {
      parents: [
        {
          parentRef: {
            group: 'gateway.networking.k8s.io',
            kind: 'Gateway',
            ...LAB_GATEWAY,
            sectionName: 'https',
          },
          controllerName: 'lab.federation.test/gateway-controller',
          conditions: [
            condition('Accepted', true, 'Accepted', 'Route is accepted', since),
            resolved
              ? condition(
                  'ResolvedRefs',
                  true,
                  'ResolvedRefs',
                  'Resolved all the Object references for the Route',
                  since,
                )
              : condition(
                  'ResolvedRefs',
                  false,
                  'BackendNotFound',
                  'Service monitoring/kube-prometheus-stack-prometheus not found',
                  since,
                ),
          ],
        },
      ],
    },
  };
}

/** The shared Gateway with an HTTPS listener for the leaf host (cert-manager issues its secret). */
export function gatewayObject(o: GatewayObjectOptions) {
  const since = k8sTime(o.createdAt);
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      ...LAB_GATEWAY,
      uid: stableUid(o.cluster, 'gateway', LAB_GATEWAY.name),
      resourceVersion: o.resourceVersion,
      generation: 1,
      creationTimestamp: since,
      annotations: { 'cert-manager.io/cluster-issuer': CLUSTER_ISSUER },
    } satisfies ObjectMeta,
    spec: {
      gatewayClassName: 'lab-nlb',
      listeners: [
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          hostname: o.host,
          tls: {
            mode: 'Terminate',
            certificateRefs: [{ name: tlsSecretName(o.cluster) }],
          },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
    // Without an address the controller leaves the list out, as for an Ingress.
    status: {
      ...(o.loadBalancerHostname
        ? { addresses: [{ type: 'Hostname', value: o.loadBalancerHostname }] }
        : {}),
      conditions: [
        condition(
          'Programmed',
          !!o.loadBalancerHostname,
          o.loadBalancerHostname ? 'Programmed' : 'AddressNotAssigned',
          o.loadBalancerHostname
            ? 'Gateway is programmed'
            : 'No address assigned yet',
          since,
        ),
      ],
    },
  };
}
