import type { TcpLoadBalancer } from '../loadBalancer/tcpLoadBalancer';
import { ResolvedLabOptions, scrapeTimeoutSeconds } from '../options';
import { issueLeafCertificate } from '../prepare';
import type { LabFault } from '../state';

/** A process the daemon can stop and start again. */
interface Restartable {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What faults act on: the daemon's processes and servers of one leaf, and the ops config. */
export interface FaultTargets {
  options: ResolvedLabOptions;
  leafPrometheus(cluster: string): Restartable;
  balancer(cluster: string): TcpLoadBalancer;
  reloadOpsConfig(): Promise<void>;
  certificateReissued(cluster: string): void;
}

/**
 * Makes (on) or undoes (off) the side effects of a fault. Faults without side effects
 * (certificate-not-ready, security-group-rule-removed, ingress-missing, dns-missing) only
 * change what the live world answers, which reads the fault list on every request.
 */
export async function applyFault(
  t: FaultTargets,
  fault: LabFault,
  cluster: string,
  on: boolean,
): Promise<void> {
  const lb = t.balancer(cluster);
  switch (fault) {
    case 'leaf-down':
      if (on) {
        await lb.stop();
        await t.leafPrometheus(cluster).stop();
      } else {
        await t.leafPrometheus(cluster).start();
        await lb.start();
      }
      return;
    case 'slow-federate':
      // Hold the leaf's bytes back past the scrape timeout, like an overloaded load balancer.
      lb.setDelay(
        on
          ? (scrapeTimeoutSeconds(t.options.scrapeIntervalSeconds) + 2) * 1000
          : 0,
      );
      return;
    case 'sample-limit':
    case 'wrong-path':
      await t.reloadOpsConfig();
      return;
    case 'certificate-expired':
      await issueLeafCertificate(t.options, cluster, on);
      t.certificateReissued(cluster);
      // Kept-alive connections keep the old session; the next scrape must handshake again.
      lb.dropConnections();
      return;
    default:
      return;
  }
}
