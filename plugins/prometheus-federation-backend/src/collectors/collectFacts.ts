import { FederationOptions } from '../config/options';
import { secretsOf } from '../redact';
import { DnsCollector } from './dns';
import { KubernetesCollector } from './kubernetes';
import { LeafEndpointCollector } from './leafEndpoint';
import { loadBalancerAddresses, readEndpoint } from './leafReading';
import { mapWithLimit } from './limit';
import { OpsPrometheusCollector } from './opsPrometheus';
import { RequestCounter } from './requestCounter';
import { SecurityGroupsCollector } from './securityGroups';
import { sourced } from './sourced';
import {
  ClusterFacts,
  FederationFacts,
  SecurityGroupRule,
  Sourced,
} from './types';

/** Clusters read at the same time; each opens one TLS connection and makes two Kubernetes requests. */
const CLUSTER_CONCURRENCY = 16;

/** Runs every collector at once; each source fails alone, within its own timeout. */
export class FactsCollector {
  private readonly secrets: string[];
  private readonly ops: OpsPrometheusCollector;
  private readonly kubernetes: KubernetesCollector;
  private readonly securityGroups: SecurityGroupsCollector;
  private readonly dns: DnsCollector;
  private readonly endpoint: LeafEndpointCollector;

  constructor(
    private readonly options: FederationOptions,
    readonly counter = new RequestCounter(),
  ) {
    this.secrets = secretsOf(options);
    this.ops = new OpsPrometheusCollector(options, this.secrets, counter);
    this.kubernetes = new KubernetesCollector(options, this.secrets, counter);
    this.securityGroups = new SecurityGroupsCollector(
      options,
      this.secrets,
      counter,
    );
    this.dns = new DnsCollector(options.dnsServers, counter);
    this.endpoint = new LeafEndpointCollector(options.tlsCaFile, counter);
  }

  async collect(): Promise<FederationFacts> {
    const seconds = this.options.upstreamTimeoutSeconds;
    const lookup = this.dns.lookup();
    // The probe scrapes as the federate job does: it waits for ops Prometheus to say how.
    const opsFacts = this.ops.collect();

    const [ops, rulesByRegion, perCluster] = await Promise.all([
      opsFacts,
      this.securityGroups.collect(),
      mapWithLimit(
        this.options.clusters,
        CLUSTER_CONCURRENCY,
        async cluster => {
          const [kubernetes, dns, endpoint] = await Promise.all([
            this.kubernetes.collect(cluster),
            sourced(`DNS ${cluster.host}`, seconds, this.secrets, () =>
              this.dns.resolve(cluster.host),
            ),
            opsFacts.then(o =>
              readEndpoint(
                this.endpoint,
                cluster,
                o,
                lookup,
                seconds,
                this.secrets,
              ),
            ),
          ]);
          if (dns.ok) {
            const lb = await sourced('DNS', seconds, this.secrets, () =>
              loadBalancerAddresses(this.dns, kubernetes),
            );
            if (lb.ok) dns.value.loadBalancerAddresses = lb.value;
          }
          return [cluster, { kubernetes, dns, ...endpoint }] as const;
        },
      ),
    ]);

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
              value: regional.value.filter(
                r => r.groupId === nodeSecurityGroupId,
              ),
            }
          : regional;
      }
      clusters[cluster.name] = { ...facts, securityGroupRules };
    }
    return { collectedAt: Date.now() / 1000, ops, clusters };
  }
}
