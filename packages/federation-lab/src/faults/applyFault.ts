import { loginRedirectFrontend } from '../loadBalancer/loginRedirectFrontend';
import { plainHttpFrontend } from '../loadBalancer/plainHttpFrontend';
import { replicasFrontend } from '../loadBalancer/replicasFrontend';
import type { TcpLoadBalancer } from '../loadBalancer/tcpLoadBalancer';
import { ResolvedLabOptions, labPorts, scrapeTimeoutSeconds } from '../options';
import { issueLeafCertificate } from '../prepare';
import { LabFault, labPaths } from '../state';
import type { ActiveFaults } from './activeFaults';

/** A process the daemon can stop and start again. */
interface Restartable {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What faults act on: the daemon's processes and servers of one leaf, and the ops config. */
export interface FaultTargets {
  options: ResolvedLabOptions;
  /** Already holds the fault being applied, and no longer the one being reverted. */
  faults: ActiveFaults;
  leafPrometheus(cluster: string): Restartable;
  balancer(cluster: string): TcpLoadBalancer;
  apps(cluster: string): Array<{
    setHttpMetrics(on: boolean): void;
    setMetricsDown(down: boolean): void;
  }>;
  reloadOpsConfig(): Promise<void>;
  certificateReissued(cluster: string): void;
}

/** The load balancer's frontend for the leaf's faults: plain HTTP, then a login page, then two replicas. */
function updateFrontend(t: FaultTargets, cluster: string): void {
  const leafPort = labPorts(t.options).clusters[cluster].prometheus;
  const paths = labPaths(t.options.dir);
  const certificate = {
    certFile: paths.leafCert(cluster),
    keyFile: paths.leafKey(cluster),
  };
  if (t.faults.has('plain-http', cluster)) {
    t.balancer(cluster).setFrontend(plainHttpFrontend(leafPort));
  } else if (t.faults.has('login-redirect', cluster)) {
    t.balancer(cluster).setFrontend(loginRedirectFrontend(certificate));
  } else if (t.faults.has('replicas-doubled', cluster)) {
    t.balancer(cluster).setFrontend(
      replicasFrontend({ leafPort, ...certificate }),
    );
  } else {
    t.balancer(cluster).setFrontend(undefined);
  }
}

/**
 * Makes (on) or undoes (off) the side effects of a fault. Faults without side effects
 * (certificate-not-ready, security-group-rule-removed, ingress-missing, ingress-no-address,
 * dns-missing, dns-wrong-address) only change what the live world answers, which reads the
 * fault list on every request.
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
    case 'body-size-limit':
    case 'wrong-path':
    case 'honor-labels-missing':
    case 'selector-selects-nothing':
    case 'scrape-metrics-path':
      await t.reloadOpsConfig();
      return;
    case 'plain-http':
    case 'replicas-doubled':
    case 'login-redirect':
      updateFrontend(t, cluster);
      return;
    case 'app-target-down':
      for (const app of t.apps(cluster)) app.setMetricsDown(on);
      return;
    case 'certificate-expired':
    case 'certificate-wrong-host':
      await issueLeafCertificate(t.options, cluster, {
        expired: t.faults.has('certificate-expired', cluster),
        wrongHost: t.faults.has('certificate-wrong-host', cluster),
      });
      t.certificateReissued(cluster);
      // Kept-alive connections keep the old session; the next scrape must handshake again.
      lb.dropConnections();
      return;
    case 'apps-no-http-metrics':
      for (const app of t.apps(cluster)) app.setHttpMetrics(!on);
      return;
    default:
      return;
  }
}
