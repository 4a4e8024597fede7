import { Check } from '@promfed/plugin-prometheus-federation-common';
import { check, notConfigured, unknownFrom } from './check';
import { TriageContext } from './context';
import { httpRouteCheck, httpRouteRemediation } from './httpRouteCheck';

/**
 * 1. Is the leaf exposed: monitoring/prometheus-ingress for the host with a load balancer
 * address, or (Gateway API) its HTTPRoute? See docs/federation-setup.md#leaf-exposure.
 */
export function ingressCheck(ctx: TriageContext): Check {
  const { cluster } = ctx;
  const source = ctx.facts.kubernetes?.ingress;
  if (!cluster || !source)
    return notConfigured('ingress', 'kubernetes (context, or url + token)');
  const route = ctx.facts.kubernetes?.httpRoute;
  // Gateway mode, or detected: no Ingress but the HTTPRoute exists.
  const gateway =
    cluster.exposure === 'gateway' ||
    (!cluster.exposure &&
      source.ok &&
      !source.value.found &&
      route?.ok === true &&
      route.value.found);
  if (gateway && route) {
    if (!route.ok) return unknownFrom('ingress', route);
    const ref = `${cluster.httpRoute.namespace}/${cluster.httpRoute.name}`;
    const result = httpRouteCheck(cluster, ref, route.value);
    return result.result === 'pass'
      ? result
      : {
          ...result,
          remediation: httpRouteRemediation(
            cluster.name,
            cluster.httpRoute,
            cluster.host,
          ),
        };
  }
  if (!source.ok) return unknownFrom('ingress', source);
  const ingress = source.value;
  const ref = `${cluster.ingress.namespace}/${cluster.ingress.name}`;
  if (!ingress.found)
    return check(
      'ingress',
      'fail',
      `Ingress ${ref} does not exist on ${cluster.name}.`,
      [{ label: 'Ingress', value: `${ref}: not found` }],
    );
  const lb = ingress.loadBalancer
    .map(a => a.hostname ?? a.ip)
    .filter(Boolean)
    .join(', ');
  const evidence = [
    { label: 'Ingress', value: ref },
    { label: 'Hosts', value: ingress.hosts.join(', ') || '(none)' },
    { label: 'TLS secret', value: ingress.tlsSecrets.join(', ') || '(none)' },
    { label: 'Load balancer', value: lb || '(none)' },
  ];
  if (!ingress.hosts.includes(cluster.host)) {
    return check(
      'ingress',
      'fail',
      `Ingress ${ref} does not serve ${cluster.host}.`,
      evidence,
    );
  }
  if (!lb)
    return check(
      'ingress',
      'fail',
      `Ingress ${ref} has no load balancer address yet.`,
      evidence,
    );
  if (!ingress.tlsHosts.includes(cluster.host)) {
    return check(
      'ingress',
      'warn',
      `Ingress ${ref} serves ${cluster.host} without a TLS entry for it.`,
      evidence,
    );
  }
  return check(
    'ingress',
    'pass',
    `Ingress ${ref} serves ${cluster.host} at ${lb}.`,
    evidence,
  );
}
