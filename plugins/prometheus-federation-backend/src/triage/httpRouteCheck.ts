import {
  Check,
  CLUSTER_RESOURCES_APP,
  httpRoutePath,
  Remediation,
} from '@promfed/plugin-prometheus-federation-common';
import { HttpRouteFacts, HttpRouteParent } from '../collectors/types';
import { check } from './check';

/** The file and commands for a leaf exposed by an HTTPRoute on a Gateway (Gateway API). */
export function httpRouteRemediation(
  cluster: string,
  route: { namespace: string; name: string },
  host: string,
): Remediation {
  return {
    summary: `Sync the ${cluster} cluster's ${CLUSTER_RESOURCES_APP} Argo CD application so that HTTPRoute ${route.namespace}/${route.name} is deployed for ${host}, accepted by its Gateway with its backend resolved, and the Gateway has an address.`,
    file: httpRoutePath(cluster),
    commands: [
      `kubectl get application ${CLUSTER_RESOURCES_APP} -n argocd --context=${cluster}`,
      `kubectl describe httproute ${route.name} -n ${route.namespace} --context=${cluster}`,
    ],
  };
}

const condition = (parent: HttpRouteParent, type: string) =>
  parent.conditions.find(c => c.type === type);

/** `Accepted=True`, or the condition as the controller wrote it (reason: message). */
function conditionText(parent: HttpRouteParent, type: string): string {
  const c = condition(parent, type);
  if (!c) return `${type}: not reported`;
  const why = [c.reason, c.message].filter(Boolean).join(': ');
  return `${type}=${c.status}${why ? ` (${why})` : ''}`;
}

/** The first parent problem, in the order the Gateway processes a route. */
function parentProblem(p: HttpRouteParent): string | undefined {
  const gw = `Gateway ${p.namespace}/${p.name}`;
  if (condition(p, 'Accepted')?.status !== 'True')
    return `${gw} has not accepted the route (${conditionText(p, 'Accepted')})`;
  if (condition(p, 'ResolvedRefs')?.status !== 'True')
    return `the route's backend is not resolved on ${gw} (${conditionText(
      p,
      'ResolvedRefs',
    )})`;
  if (p.gatewayError) return `${gw} could not be read (${p.gatewayError})`;
  if (!p.addresses?.length) return `${gw} has no address yet`;
  return undefined;
}

/**
 * 1. (Gateway API) Does the HTTPRoute exist for the host, accepted by a Gateway with its backend
 * resolved, and does that Gateway have an address for the load balancer?
 */
export function httpRouteCheck(
  cluster: { name: string; host: string },
  ref: string,
  route: HttpRouteFacts,
): Check {
  if (!route.found)
    return check(
      'ingress',
      'fail',
      `HTTPRoute ${ref} does not exist on ${cluster.name}.`,
      [{ label: 'HTTPRoute', value: `${ref}: not found` }],
    );
  const addresses = route.parents.flatMap(p => p.addresses ?? []);
  const evidence = [
    { label: 'HTTPRoute', value: ref },
    { label: 'Hostnames', value: route.hostnames.join(', ') || '(none)' },
    ...route.parents.map(p => ({
      label: `Gateway ${p.namespace}/${p.name}`,
      value: `${conditionText(p, 'Accepted')}, ${conditionText(
        p,
        'ResolvedRefs',
      )}, addresses: ${
        p.gatewayError ?? (p.addresses?.join(', ') || '(none)')
      }`,
    })),
    { label: 'Load balancer', value: addresses.join(', ') || '(none)' },
  ];
  // An empty hostnames list matches every host of the listener (Gateway API).
  if (route.hostnames.length && !route.hostnames.includes(cluster.host))
    return check(
      'ingress',
      'fail',
      `HTTPRoute ${ref} does not serve ${cluster.host}.`,
      evidence,
    );
  if (!route.parents.length)
    return check(
      'ingress',
      'fail',
      `HTTPRoute ${ref} has no parent Gateway.`,
      evidence,
    );
  // Served when any parent Gateway serves it; otherwise the first parent's problem.
  const working = route.parents.find(p => !parentProblem(p));
  if (!working)
    return check(
      'ingress',
      'fail',
      `HTTPRoute ${ref}: ${parentProblem(route.parents[0])}.`,
      evidence,
    );
  return check(
    'ingress',
    'pass',
    `HTTPRoute ${ref} serves ${cluster.host} on Gateway ${working.namespace}/${
      working.name
    } at ${working.addresses!.join(', ')}.`,
    evidence,
  );
}
