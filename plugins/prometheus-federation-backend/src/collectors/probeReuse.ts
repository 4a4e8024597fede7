/**
 * A healthy leaf's last probe, used again instead of connecting. Ops Prometheus scrapes each
 * federate target every scrape interval; while it scrapes a leaf without error and nothing the
 * probe depends on has changed (how the job scrapes, the Certificate's revision, the Ingress or
 * HTTPRoute, the host's DNS answer), the portal's own TLS handshake and GET tell nothing new, and
 * at a thousand leaves they are most of a refresh's work. Such a leaf is probed again once its
 * last probe is at most `probeReuseSeconds` old (spread per leaf, so the fleet's probes do not all
 * fall due in one refresh), and at once when any of those changes or either answer was not healthy.
 * The facts say which probe they are from (ClusterFacts.probeReusedFrom).
 */
import { createHash } from 'node:crypto';
import { certificateRevision } from './leafReading';
import {
  ClusterFacts,
  DnsFacts,
  KubernetesFacts,
  ProbePlan,
  Sourced,
} from './types';

export type EndpointReading = Pick<
  ClusterFacts,
  'tls' | 'probe' | 'probePlan' | 'probeReusedFrom'
>;

/** What the probe's answer depends on, hashed: a change means the leaf is probed again. */
export function probeInputs(
  plan: ProbePlan,
  kubernetes: KubernetesFacts | undefined,
  dns: Sourced<DnsFacts>,
): string {
  const value = <T>(read: Sourced<T> | undefined) =>
    read?.ok ? read.value : 'unread';
  return createHash('sha256')
    .update(
      JSON.stringify([
        plan,
        certificateRevision(kubernetes),
        value(kubernetes?.ingress),
        value(kubernetes?.httpRoute),
        dns.ok ? [...dns.value.addresses].sort() : 'unread',
      ]),
    )
    .digest('base64');
}

/** A handshake and answer with nothing to look at: trusted, for the host, HTTP 200 text. */
export function healthyReading({ tls, probe }: EndpointReading): boolean {
  if (!tls?.ok || !probe?.ok || tls.value.error) return false;
  const certificate = tls.value.certificate;
  if (certificate && !(certificate.authorized && certificate.hostnameMatches))
    return false;
  const answer = probe.value;
  return !answer.error && answer.status === 200 && answer.textFormat;
}

/** Between half of `maxMs` and all of it, fixed per leaf. */
function reuseSpanMs(cluster: string, maxMs: number): number {
  const spread = createHash('sha256').update(cluster).digest().readUInt16BE(0);
  return maxMs * (0.5 + spread / 0x1ffff);
}

export class ProbeReuse {
  private readonly kept = new Map<
    string,
    { reading: EndpointReading; inputs: string; at: number; until: number }
  >();

  /** `maxMs`: the longest a probe stands for; not a positive number, never. */
  constructor(private readonly maxMs: number) {}

  /**
   * The leaf's last probe while it can stand for this refresh's: ops Prometheus' target is up
   * without error (`targetHealthy`), the probe was healthy, its inputs are this refresh's, and
   * it is younger than the leaf's reuse span. Undefined when the leaf is to be probed.
   */
  reusable(
    cluster: string,
    inputs: string,
    targetHealthy: boolean,
    now = Date.now(),
  ): EndpointReading | undefined {
    const kept = this.kept.get(cluster);
    if (!kept || !targetHealthy || kept.inputs !== inputs || now >= kept.until)
      return undefined;
    return {
      ...kept.reading,
      probeReusedFrom: new Date(kept.at).toISOString(),
    };
  }

  /** This refresh's probe of the leaf: kept when healthy (and reuse is on), else forgotten. */
  probed(
    cluster: string,
    inputs: string,
    reading: EndpointReading,
    now = Date.now(),
  ): void {
    if (this.maxMs > 0 && healthyReading(reading))
      this.kept.set(cluster, {
        reading,
        inputs,
        at: now,
        until: now + reuseSpanMs(cluster, this.maxMs),
      });
    else this.kept.delete(cluster);
  }

  /** Leaves no longer in the refresh's list are dropped. */
  retain(clusters: Iterable<string>): void {
    const current = new Set(clusters);
    for (const name of this.kept.keys())
      if (!current.has(name)) this.kept.delete(name);
  }

  get size(): number {
    return this.kept.size;
  }
}
