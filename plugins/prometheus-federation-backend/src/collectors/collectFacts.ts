import { FederationOptions } from '../config/options';
import { secretsOf } from '../redact';
import { DnsCollector } from './dns';
import { KubernetesCollector } from './kubernetes';
import { LeafEndpointCollector } from './leafEndpoint';
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
    const leaf = (what: string, host: string) => `${what} of ${host}`;

    const [ops, rulesByRegion, perCluster] = await Promise.all([
      this.ops.collect(),
      this.securityGroups.collect(),
      mapWithLimit(
        this.options.clusters,
        CLUSTER_CONCURRENCY,
        async cluster => {
          const { host, port } = cluster;
          // One connection gives both the served certificate and the federate answer; it closes
          // when the probe's own timeout aborts it.
          const connection = new AbortController();
          const reading = this.endpoint.read(
            host,
            port,
            lookup,
            connection.signal,
          );
          const [kubernetes, dns, tls, probe] = await Promise.all([
            this.kubernetes.collect(cluster),
            sourced(leaf('DNS', host), seconds, this.secrets, () =>
              this.dns.resolve(host),
            ),
            sourced(
              leaf('TLS handshake', host),
              seconds,
              this.secrets,
              () => reading.tls,
            ),
            sourced(
              leaf('federate probe', host),
              seconds,
              this.secrets,
              signal => {
                signal.addEventListener('abort', () => connection.abort(), {
                  once: true,
                });
                return reading.probe;
              },
            ),
          ]);
          return [cluster, { kubernetes, dns, tls, probe }] as const;
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
