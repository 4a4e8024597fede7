import { LookupFunction } from 'node:net';
import { ClusterOptions } from '../config/options';
import { DnsRound } from './dns';
import { LeafEndpointCollector } from './leafEndpoint';
import { probePlan } from './probePlan';
import { scrapeJobOf } from './scrapeJobConfig';
import { sourced } from './sourced';
import { exposureLoadBalancer } from './gatewayApi';
import {
  ClusterFacts,
  DnsFacts,
  KubernetesFacts,
  OpsPrometheusFacts,
  Sourced,
} from './types';

/** The probe plan of one cluster, once ops Prometheus said how its federate job scrapes. */
export function planFor(
  cluster: ClusterOptions,
  ops: Sourced<Pick<OpsPrometheusFacts, 'targets' | 'scrapeJobs'>>,
) {
  const target = ops.ok
    ? ops.value.targets.find(t => t.job === cluster.federateJob)
    : undefined;
  const job =
    ops.ok && ops.value.scrapeJobs.ok
      ? scrapeJobOf(ops.value.scrapeJobs.value, target, cluster.federateJob)
      : undefined;
  return probePlan(cluster, target, job);
}

/** One connection: the served certificate and the probe, each within the per-source timeout. */
export async function readEndpoint(
  endpoint: LeafEndpointCollector,
  cluster: ClusterOptions,
  ops: Sourced<Pick<OpsPrometheusFacts, 'targets' | 'scrapeJobs'>>,
  lookup: LookupFunction | undefined,
  seconds: number,
  secrets: string[],
  fullHandshake = false,
): Promise<Pick<ClusterFacts, 'tls' | 'probe' | 'probePlan'>> {
  const plan = planFor(cluster, ops);
  const host = new URL(plan.url).host;
  // It closes when the probe's own timeout aborts it.
  const connection = new AbortController();
  const reading = endpoint.read(plan, lookup, connection.signal, fullHandshake);
  const [tls, probe] = await Promise.all([
    sourced(`TLS ${host}`, seconds, secrets, () => reading.tls),
    sourced(`probe ${host}`, seconds, secrets, signal => {
      signal.addEventListener('abort', () => connection.abort(), {
        once: true,
      });
      return reading.probe;
    }),
  ]);
  return { tls, probe, probePlan: plan };
}

/** What the Ingress load balancer's host names resolve to, to compare the host's answer with. */
export async function loadBalancerAddresses(
  dns: Pick<DnsRound, 'resolve'>,
  kubernetes: KubernetesFacts | undefined,
): Promise<string[] | undefined> {
  const names = exposureLoadBalancer(kubernetes).hostnames;
  if (!names.length) return undefined;
  const resolved = await Promise.all(
    names.map(n => dns.resolve(n).catch((): DnsFacts => ({ addresses: [] }))),
  );
  return resolved.flatMap(r => r.addresses);
}

/**
 * The cert-manager Certificate's revision as this refresh read it: its validity end and renewal
 * time change when it is renewed or reissued. Undefined when there is none or it was not read.
 */
export function certificateRevision(
  kubernetes: KubernetesFacts | undefined,
): string | undefined {
  const certificate = kubernetes?.certificate;
  if (!certificate?.ok || !certificate.value.found) return undefined;
  const { notAfter, renewalTime } = certificate.value;
  return `${notAfter ?? ''}|${renewalTime ?? ''}`;
}

/**
 * Whether this refresh's check resumed the leaf's TLS session while Kubernetes says its
 * Certificate was renewed since that session's full handshake: the reported certificate can be
 * the old one, so the check is made again with a full handshake.
 */
export function resumedAcrossRenewal(
  endpoint: LeafEndpointCollector,
  reading: Pick<ClusterFacts, 'tls' | 'probePlan'>,
  kubernetes: KubernetesFacts | undefined,
): boolean {
  if (!reading.probePlan) return false;
  const revised = endpoint.certificateRevised(
    reading.probePlan,
    certificateRevision(kubernetes),
  );
  return revised && !!reading.tls?.ok && !!reading.tls.value.shownAt;
}
