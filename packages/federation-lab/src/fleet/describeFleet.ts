import { FLEET_FAULTS } from './faults';
import { readFleetState } from './fleetState';
import { isAlive, labPaths } from '../state';

/** The CLI's view of a running fleet in `dir`; empty when no fleet runs there. */
export function describeFleet(dir: string): string {
  const state = readFleetState(dir);
  if (!state || !isAlive(state.daemonPid) || state.phase !== 'ready') return '';
  const o = state.options;
  const p = state.ports;
  const faulted = Object.values(o.faults);
  const paths = labPaths(dir);
  return [
    `federation fleet (lab only) in ${dir}: running (daemon pid ${state.daemonPid})`,
    `  clusters            ${o.clusters.length} (${o.clusters[0]} .. ${
      o.clusters[o.clusters.length - 1]
    }), ${o.seriesPerLeaf} series each`,
    `  ops Prometheus      http://127.0.0.1:${p.opsPrometheus}  (scrape every ${o.scrapeIntervalSeconds}s)`,
    `  every leaf (SNI)    https://127.0.0.1:${p.leaves}`,
    `  Kubernetes          https://127.0.0.1:${p.kubernetes}/clusters/<name>  (kubeconfig ${paths.kubeconfig})`,
    `  EC2 endpoint        http://127.0.0.1:${p.ec2}  (credentials: source ${paths.awsEnv})`,
    `  DNS (udp)           127.0.0.1:${p.dns}`,
    `  faults              ${faulted.length} clusters: ${FLEET_FAULTS.map(
      f => `${f} ${faulted.filter(x => x === f).length}`,
    ).join(', ')}`,
    `  backend config      ${paths.appConfig}`,
    `  start               servers ${state.timings?.serversMs} ms, ops ready ${state.timings?.opsReadyMs} ms, every leaf scraped ${state.timings?.targetsScrapedMs} ms`,
  ].join('\n');
}
