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
  ProbePlan,
  PromTarget,
  Sourced,
} from './types';

type PlanFacts = Sourced<Pick<OpsPrometheusFacts, 'targets' | 'scrapeJobs'>>;

// One index per targets answer: every cluster of a refresh looks its target up in it.
const targetsByJob = new WeakMap<PromTarget[], Map<string, PromTarget>>();

/** The cluster's federate target in ops Prometheus, if it has one. */
export function federateTarget(
  cluster: ClusterOptions,
  ops: PlanFacts,
): PromTarget | undefined {
  if (!ops.ok) return undefined;
  const { targets } = ops.value;
  let byJob = targetsByJob.get(targets);
  if (!byJob) {
    byJob = new Map();
    // The first of a job, as a scan would find it.
    for (const t of targets) if (!byJob.has(t.job)) byJob.set(t.job, t);
    targetsByJob.set(targets, byJob);
  }
  return byJob.get(cluster.federateJob);
}

/** The probe plan of one cluster, once ops Prometheus said how its federate job scrapes. */
export function planFor(
  cluster: ClusterOptions,
  ops: PlanFacts,
  target = federateTarget(cluster, ops),
) {
  const job =
    ops.ok && ops.value.scrapeJobs.ok
      ? scrapeJobOf(ops.value.scrapeJobs.value, target, cluster.federateJob)
      : undefined;
  return probePlan(cluster, target, job);
}

/** One connection: the served certificate and the probe, each within the per-source timeout. */
export async function readEndpoint(
  endpoint: LeafEndpointCollector,
  plan: ProbePlan,
  lookup: LookupFunction | undefined,
  seconds: number,
  secrets: string[],
  revision?: string,
): Promise<Pick<ClusterFacts, 'tls' | 'probe' | 'probePlan'>> {
  const host = new URL(plan.url).host;
  // It closes when the probe's own timeout aborts it.
  const connection = new AbortController();
  const reading = endpoint.read(plan, lookup, connection.signal, revision);
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
