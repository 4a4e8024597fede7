import { leafHost } from '@promfed/plugin-prometheus-federation-common';
import { awsId, Ec2World, federationRuleId, seedEc2World } from '../ec2/world';
import type { ClusterObjects } from '../kubernetes/apiServer';
import { certificateObject, ingressObject } from '../kubernetes/objects';
import type { FleetFault } from './faults';
import type { FleetCertificates } from './fleetCertificates';
import type { ResolvedFleetOptions } from './options';

const RESOURCE_VERSION = '1000';

/** The ops cluster's security group before it moved (the ops-source-moved fault). */
export const PREVIOUS_OPS_GROUP_ID = awsId(
  'sg',
  'eks-cluster-sg',
  'ops-previous',
);

/**
 * What the fleet's DNS, EC2 and Kubernetes endpoints answer: the lab's world for every cluster,
 * built once (fleet faults are fixed at start), minus what the faults remove.
 */
export class FleetWorld {
  readonly dnsRecords = new Map<string, string>();
  readonly ec2: Ec2World;
  private readonly clusters: Set<string>;
  private readonly faults: Record<string, FleetFault>;
  // Built on a leaf's first read and kept: the fleet's objects never change after start, and
  // building them (hashes, dates) on each of 2000 reads a refresh was the fleet's cost, not the API's.
  private readonly objects = new Map<string, ClusterObjects>();

  constructor(
    private readonly options: ResolvedFleetOptions,
    private readonly certificates: FleetCertificates,
    private readonly createdAt: Date,
  ) {
    this.clusters = new Set(options.clusters);
    this.faults = options.faults;
    for (const c of options.clusters) {
      this.dnsRecords.set(leafHost(c, options.domain), '127.0.0.1');
      this.dnsRecords.set(this.loadBalancerHostname(c), '127.0.0.1');
    }
    const seeded = seedEc2World(options.clusters);
    const removed = new Set(
      options.clusters
        .filter(c => this.faults[c] === 'security-group-rule-removed')
        .map(federationRuleId),
    );
    const moved = new Set(
      options.clusters
        .filter(c => this.faults[c] === 'ops-source-moved')
        .map(federationRuleId),
    );
    this.ec2 = {
      groups: seeded.groups,
      rules: seeded.rules
        .filter(r => !removed.has(r.securityGroupRuleId))
        .map(r =>
          moved.has(r.securityGroupRuleId)
            ? {
                ...r,
                referencedGroupInfo: {
                  ...r.referencedGroupInfo!,
                  groupId: PREVIOUS_OPS_GROUP_ID,
                },
              }
            : r,
        ),
    };
  }

  private loadBalancerHostname(cluster: string): string {
    return `${cluster}-nlb.elb.${this.options.domain}`;
  }

  /** The Ingress and Certificate of a leaf; undefined for a name that is not a leaf. */
  clusterObjects(cluster: string): ClusterObjects | undefined {
    if (!this.clusters.has(cluster)) return undefined;
    let objects = this.objects.get(cluster);
    if (!objects) {
      objects = this.buildObjects(cluster);
      this.objects.set(cluster, objects);
    }
    return objects;
  }

  private buildObjects(cluster: string): ClusterObjects {
    const host = leafHost(cluster, this.options.domain);
    const cert = this.certificates.certificate(cluster);
    const fault = this.faults[cluster];
    const ingresses =
      fault === 'ingress-missing'
        ? []
        : [
            ingressObject({
              cluster,
              host,
              loadBalancerHostname: this.loadBalancerHostname(cluster),
              createdAt: this.createdAt,
              resourceVersion: RESOURCE_VERSION,
            }),
          ];
    const certificate = certificateObject({
      cluster,
      host,
      createdAt: this.createdAt,
      resourceVersion: RESOURCE_VERSION,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      revision: 1,
      condition: fault === 'certificate-expired' ? 'expired' : 'ready',
      now: new Date(),
    });
    return {
      ingresses,
      certificates: [certificate],
      resourceVersion: RESOURCE_VERSION,
    };
  }
}
