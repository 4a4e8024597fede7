import { Document, isMap } from 'yaml';
import { InputError } from '@backstage/errors';
import {
  HTTP_ROUTE_NAME,
  PROMETHEUS_SERVICE,
  PROMETHEUS_PORT,
} from './prometheusService';
import type { EditResult } from './editResult';
import { keepOrConflict } from './keepOrConflict';
import { swapCluster } from './swapCluster';
import { parseYaml } from './yamlText';

export interface HttpRouteOptions {
  cluster: string;
  /** `prometheus-<cluster>.<domain>`. */
  host: string;
  namespace: string;
  /** The existing Gateway; default the sibling's parentRefs. */
  gatewayName?: string;
  gatewayNamespace?: string;
  /** Another leaf's HTTPRoute (`prod-blue/...`), whose style the new one follows. */
  sibling?: { cluster: string; content: string };
}

/**
 * The leaf's Prometheus HTTPRoute (Gateway API v1) on an existing Gateway: the sibling's text
 * with its host and name swapped, or one from scratch. The Gateway's listener terminates TLS
 * (cert-manager's Gateway support) and external-dns publishes `hostnames` (its
 * gateway-httproute source). `existing`: the same route is "unchanged", another a conflict.
 */
export function buildHttpRoute(
  options: HttpRouteOptions,
  existing?: string,
): EditResult {
  const content = options.sibling
    ? fromSibling(options, options.sibling)
    : fromScratch(options);
  return keepOrConflict('HTTPRoute', content, existing, summarize);
}

/** What matters for federation, to compare an existing route with the wanted one. */
function summarize(route: any) {
  const parent = route?.spec?.parentRefs?.[0];
  const backend = route?.spec?.rules?.[0]?.backendRefs?.[0];
  return {
    kind: route?.kind,
    namespace: route?.metadata?.namespace,
    host: route?.spec?.hostnames?.[0],
    gateway: `${parent?.namespace ?? ''}/${parent?.name}`,
    service: backend?.name,
    port: backend?.port,
  };
}

function fromScratch(options: HttpRouteOptions): string {
  if (!options.gatewayName) {
    throw new InputError(
      'No sibling HTTPRoute to follow: give gatewayName (and gatewayNamespace) of the existing Gateway',
    );
  }
  const route = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: HTTP_ROUTE_NAME, namespace: options.namespace },
    spec: {
      parentRefs: [
        {
          name: options.gatewayName,
          ...(options.gatewayNamespace
            ? { namespace: options.gatewayNamespace }
            : {}),
        },
      ],
      hostnames: [options.host],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: PROMETHEUS_SERVICE, port: PROMETHEUS_PORT }],
        },
      ],
    },
  };
  return new Document(route).toString({ lineWidth: 0 });
}

function fromSibling(
  options: HttpRouteOptions,
  sibling: { cluster: string; content: string },
): string {
  const what = `The sibling HTTPRoute of ${sibling.cluster}`;
  const doc = parseYaml(sibling.content, what);
  const root = doc.contents;
  if (!isMap(root) || (root.get('kind') as unknown) !== 'HTTPRoute') {
    throw new InputError(`${what} is not a single HTTPRoute`);
  }
  const host = root.getIn(['spec', 'hostnames', 0]);
  if (typeof host !== 'string') {
    throw new InputError(`${what} has no spec.hostnames[0]`);
  }
  swapCluster(doc, { cluster: sibling.cluster, host }, options);
  root.setIn(['metadata', 'namespace'], options.namespace);
  if (options.gatewayName)
    root.setIn(['spec', 'parentRefs', 0, 'name'], options.gatewayName);
  if (options.gatewayNamespace)
    root.setIn(
      ['spec', 'parentRefs', 0, 'namespace'],
      options.gatewayNamespace,
    );
  return doc.toString({ lineWidth: 0 });
}
