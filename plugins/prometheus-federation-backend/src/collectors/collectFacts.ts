import { ClusterOptions, FederationOptions } from '../config/options';
import { secretsOf } from '../redact';
import { DnsCollector } from './dns';
import { KubernetesCollector } from './kubernetes';
import { LeafEndpointCollector } from './leafEndpoint';
import {
  certificateRevision,
  federateTarget,
  loadBalancerAddresses,
  planFor,
  readEndpoint,
} from './leafReading';
import {
  DEFAULT_CONCURRENCY,
  KindTiming,
  Limiter,
  UPSTREAM_KINDS,
  UpstreamKind,
} from './limit';
import { OpsPrometheusCollector, PlanFacts } from './opsPrometheus';
import { EndpointReading, probeInputs, ProbeReuse } from './probeReuse';
import { RequestCounter } from './requestCounter';
import { indexRulesByGroup } from './securityGroupIndex';
import { SecurityGroupsCollector } from './securityGroups';
import { sourced } from './sourced';
import {
  ClusterFacts,
  FederationFacts,
  SecurityGroupRule,
  Sourced,
} from './types';

function limitersFor(options: FederationOptions) {
  return Object.fromEntries(
    UPSTREAM_KINDS.map(kind => [
      kind,
      new Limiter(options.concurrency?.[kind] ?? DEFAULT_CONCURRENCY[kind]),
    ]),
  ) as Record<UpstreamKind, Limiter>;
}

/** How the last collection went: its duration and, per upstream kind, when it finished. */
export interface CollectionTiming {
  durationMs: number;
  kinds: Record<UpstreamKind, KindTiming>;
}

/** Runs every collector at once; each source fails alone, within its own timeout. */
export class FactsCollector {
  private readonly secrets: string[];
  private readonly ops: OpsPrometheusCollector;
  private readonly kubernetes: KubernetesCollector;
  private readonly securityGroups: SecurityGroupsCollector;
  private readonly dns: DnsCollector;
  private readonly endpoint: LeafEndpointCollector;
  private readonly probes: ProbeReuse;
  /** One limit per upstream kind: a slow kind queues its own reads, not the others'. */
  private readonly limits: Record<UpstreamKind, Limiter>;
  /** The last collection's duration and per-kind timing (reported when it outlasts the interval). */
  lastTiming?: CollectionTiming;

  constructor(
    private readonly options: FederationOptions,
    readonly counter = new RequestCounter(),
    /** When a probe or count was read and is due again (benchmarks play refreshes at their interval). */
    private readonly clock: () => number = Date.now,
  ) {
    this.secrets = secretsOf(options);
    this.ops = new OpsPrometheusCollector(
      options,
      this.secrets,
      counter,
      clock,
    );
    this.kubernetes = new KubernetesCollector(options, this.secrets, counter);
    this.securityGroups = new SecurityGroupsCollector(
      options,
      this.secrets,
      counter,
    );
    this.dns = new DnsCollector(options.dnsServers, counter);
    this.endpoint = new LeafEndpointCollector(options.tlsCaFile, counter);
    this.probes = new ProbeReuse(options.probeReuseSeconds * 1000);
    this.limits = limitersFor(options);
  }

  /** On stop: ops Prometheus' reads in flight end and its kept-alive sockets close. */
  close(): void {
    this.ops.close();
  }

  /**
   * Collects for this refresh's clusters: app-config's, or merged with the catalog's. Once
   * `signal` aborts (task timeout, shutdown) no further upstream read starts.
   */
  async collect(
    clusterList: ClusterOptions[] = this.options.clusters,
    signal?: AbortSignal,
  ): Promise<FederationFacts> {
    const started = Date.now();
    for (const limit of Object.values(this.limits))
      limit.reset(started, signal);
    const { opsPrometheus, kubernetes, probe, dns, ec2 } = this.limits;
    const seconds = this.options.upstreamTimeoutSeconds;
    const names = this.dns.round();
    // The probe scrapes as the federate job does: it waits for ops Prometheus to say how.
    // Its requests are bounded by its agent's sockets (concurrency.opsPrometheus).
    // The probes start once the targets and scrape jobs are read, not after every query.
    let planned!: (facts: Sourced<PlanFacts>) => void;
    const planFacts = new Promise<Sourced<PlanFacts>>(resolve => {
      planned = resolve;
    });
    const opsFacts = opsPrometheus.run('ops Prometheus', () =>
      this.ops.collect(planned, clusterList),
    );
    opsFacts.then(planned, error =>
      planned({ ok: false, reason: `ops Prometheus: ${error}` }),
    );

    // Every cluster starts at once; each source waits for a slot of its own kind only.
    const [ops, rulesByRegion, perCluster] = await Promise.all([
      opsFacts,
      this.securityGroups.collect(
        (region, read) => ec2.run(`EC2 ${region}`, read),
        clusterList,
      ),
      Promise.all(
        clusterList.map(async cluster => {
          const [kubernetesFacts, dnsFacts, how] = await Promise.all([
            kubernetes.run(`Kubernetes ${cluster.name}`, () =>
              this.kubernetes.collect(cluster),
            ),
            dns.run(`DNS ${cluster.host}`, () =>
              sourced(`DNS ${cluster.host}`, seconds, this.secrets, () =>
                names.resolve(cluster.host),
              ),
            ),
            // The probe scrapes as the federate job does: it waits for ops Prometheus to say how.
            planFacts,
          ]);
          const target = federateTarget(cluster, how);
          const plan = planFor(cluster, how, target);
          const inputs = probeInputs(plan, kubernetesFacts, dnsFacts);
          let endpoint: EndpointReading | undefined = this.probes.reusable(
            cluster.name,
            inputs,
            target?.health === 'up' && !target.lastError,
            this.clock(),
          );
          if (!endpoint) {
            const reading = await probe.run(`probe ${cluster.host}`, () =>
              readEndpoint(
                this.endpoint,
                plan,
                names.lookup,
                seconds,
                this.secrets,
                certificateRevision(kubernetesFacts),
              ),
            );
            this.probes.probed(cluster.name, inputs, reading, this.clock());
            endpoint = reading;
          }
          if (dnsFacts.ok) {
            const lb = await dns.run(`DNS ${cluster.name} load balancer`, () =>
              sourced('DNS', seconds, this.secrets, () =>
                loadBalancerAddresses(names, kubernetesFacts),
              ),
            );
            if (lb.ok) dnsFacts.value.loadBalancerAddresses = lb.value;
          }
          return [
            cluster,
            { kubernetes: kubernetesFacts, dns: dnsFacts, ...endpoint },
          ] as const;
        }),
      ),
    ]);
    this.lastTiming = {
      durationMs: Date.now() - started,
      kinds: Object.fromEntries(
        UPSTREAM_KINDS.map(kind => [kind, this.limits[kind].last]),
      ) as Record<UpstreamKind, KindTiming>,
    };

    const rulesOf = indexRulesByGroup(rulesByRegion);
    // Keyed by cluster name as data: no prototype (names may come from upstream labels).
    const clusters: Record<string, ClusterFacts> = Object.create(null);
    for (const [cluster, facts] of perCluster) {
      let securityGroupRules: Sourced<SecurityGroupRule[]> | undefined;
      if (cluster.aws) {
        const { region, nodeSecurityGroupId } = cluster.aws;
        const regional = rulesByRegion[region];
        securityGroupRules = regional.ok
          ? {
              ok: true,
              value: rulesOf(region, nodeSecurityGroupId),
            }
          : regional;
      }
      clusters[cluster.name] = { ...facts, securityGroupRules };
    }
    this.probes.retain(clusterList.map(c => c.name));
    return { collectedAt: Date.now() / 1000, ops, clusters };
  }
}
