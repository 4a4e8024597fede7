import { leafHost } from '@promfed/plugin-prometheus-federation-common';
import { readValidity } from '../certificates/openssl';
import { Ec2World, federationRuleId } from '../ec2/world';
import type { ClusterObjects } from '../kubernetes/apiServer';
import {
  CertificateCondition,
  certificateObject,
  ingressObject,
} from '../kubernetes/objects';
import { gatewayObject, httpRouteObject } from '../kubernetes/gatewayObjects';
import type { ResolvedLabOptions } from '../options';
import type { ActiveFaults } from '../faults/activeFaults';
import { labPaths } from '../state';

/** Where the `dns-wrong-address` fault points the leaf host: loopback, but nothing listens there. */
export const WRONG_LEAF_ADDRESS = '127.0.0.2';

/**
 * What the lab's DNS, EC2 and Kubernetes endpoints answer right now: the seeded world with the
 * active faults applied. The endpoints call these on every request, so a fault shows at once.
 */
export class LiveWorld {
  /** Bumped on every fault change, like the API server's resourceVersion. */
  resourceVersion = 1000;
  private readonly certRevision = new Map<string, number>();

  constructor(
    private readonly options: ResolvedLabOptions,
    private readonly seededEc2: Ec2World,
    private readonly faults: ActiveFaults,
    private readonly createdAt: Date,
  ) {}

  /** A re-issued leaf certificate is a new Certificate revision. */
  certificateReissued(cluster: string): void {
    this.certRevision.set(cluster, (this.certRevision.get(cluster) ?? 1) + 1);
  }

  ec2World(): Ec2World {
    const removed = new Set(
      this.faults
        .clustersWith('security-group-rule-removed')
        .map(federationRuleId),
    );
    return {
      groups: this.seededEc2.groups,
      rules: this.seededEc2.rules.filter(
        r => !removed.has(r.securityGroupRuleId),
      ),
    };
  }

  dnsRecords(): Map<string, string> {
    const records = new Map<string, string>();
    for (const c of this.options.clusters) {
      records.set(this.loadBalancerHostname(c), '127.0.0.1');
      if (this.faults.has('dns-missing', c)) continue;
      records.set(
        leafHost(c, this.options.domain),
        this.faults.has('dns-wrong-address', c)
          ? WRONG_LEAF_ADDRESS
          : '127.0.0.1',
      );
    }
    return records;
  }

  clusterObjects(cluster: string): ClusterObjects {
    const rv = String(this.resourceVersion);
    if (cluster === 'ops')
      return { ingresses: [], certificates: [], resourceVersion: rv };
    const host = leafHost(cluster, this.options.domain);
    const validity = readValidity(labPaths(this.options.dir).leafCert(cluster));
    let condition: CertificateCondition = 'ready';
    if (this.faults.has('certificate-expired', cluster)) condition = 'expired';
    else if (this.faults.has('certificate-not-ready', cluster))
      condition = 'renewal-failing';
    const ingress = ingressObject({
      cluster,
      host,
      loadBalancerHostname: this.faults.has('ingress-no-address', cluster)
        ? undefined
        : this.loadBalancerHostname(cluster),
      createdAt: this.createdAt,
      resourceVersion: rv,
    });
    const certificate = certificateObject({
      cluster,
      host,
      createdAt: this.createdAt,
      resourceVersion: rv,
      notBefore: validity.notBefore,
      notAfter: validity.notAfter,
      revision: this.certRevision.get(cluster) ?? 1,
      condition,
      now: new Date(),
    });
    if (this.options.gatewayClusters?.includes(cluster)) {
      // Gateway mode: the HTTPRoute and its Gateway instead of the Ingress; the same faults apply.
      const route = {
        cluster,
        host,
        loadBalancerHostname:
          ingress.status.loadBalancer.ingress?.[0]?.hostname,
        createdAt: this.createdAt,
        resourceVersion: rv,
      };
      return {
        ingresses: [],
        httpRoutes: this.faults.has('ingress-missing', cluster)
          ? []
          : [httpRouteObject(route)],
        gateways: [gatewayObject(route)],
        certificates: [certificate],
        resourceVersion: rv,
      };
    }
    return {
      ingresses: this.faults.has('ingress-missing', cluster) ? [] : [ingress],
      certificates: [certificate],
      resourceVersion: rv,
    };
  }

  private loadBalancerHostname(cluster: string): string {
    return `${cluster}-nlb.elb.${this.options.domain}`;
  }
}
