import { Check } from '@promfed/plugin-prometheus-federation-common';
import { check, notConfigured, unknownFrom } from './check';
import { exposureLoadBalancer } from '../collectors/gatewayApi';
import { TriageContext } from './context';

/** 2. Does the host resolve, to the load balancer's address (its IP, or what its name resolves to)? */
export function dnsCheck(ctx: TriageContext): Check {
  const { cluster } = ctx;
  const source = ctx.facts.dns;
  if (!cluster || !source) return notConfigured('dns', 'prometheus.host');
  if (!source.ok) return unknownFrom('dns', source);
  const { addresses, error } = source.value;
  if (error || addresses.length === 0) {
    return check(
      'dns',
      'fail',
      `${cluster.host} does not resolve (${error ?? 'no addresses'}).`,
      [
        { label: 'Host', value: cluster.host },
        { label: 'Resolver answer', value: error ?? 'no addresses' },
      ],
    );
  }
  const evidence = [
    { label: 'Host', value: cluster.host },
    { label: 'Addresses', value: addresses.join(', ') },
  ];
  // The load balancer's IPs (the Ingress's or the Gateway's), and what its names resolve to.
  const exposure = exposureLoadBalancer(ctx.facts.kubernetes);
  const lbIps = [
    ...exposure.ips,
    ...(source.value.loadBalancerAddresses ?? []),
  ];
  if (lbIps.length && !addresses.some(a => lbIps.includes(a))) {
    evidence.push({ label: 'Load balancer', value: lbIps.join(', ') });
    return check(
      'dns',
      'warn',
      `${cluster.host} resolves to ${addresses.join(', ')}, not to the ${
        exposure.via
      } load balancer.`,
      evidence,
    );
  }
  return check(
    'dns',
    'pass',
    `${cluster.host} resolves to ${addresses.join(', ')}.`,
    evidence,
  );
}
