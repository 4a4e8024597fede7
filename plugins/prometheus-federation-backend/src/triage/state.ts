import {
  Check,
  ClusterState,
} from '@promfed/plugin-prometheus-federation-common';
import { PromTarget } from '../collectors/types';

/**
 * The cluster's state (docs/federation-setup.md#headline-policy). The target is the authority:
 * down whenever it is down or never scraped; unknown when ops Prometheus cannot be read or has no
 * job for the cluster. Unknown or not-configured checks do not lower a cluster whose target is up.
 * The headline is chosen in headline.ts.
 */
export function clusterState(
  opsReachable: boolean,
  target: PromTarget | undefined,
  checks: Check[],
): ClusterState {
  if (!opsReachable || !target) return 'unknown';
  // A target reloaded with a changed job, its first scrape pending (targetCheck.ts).
  if (checks.some(c => c.id === 'target' && c.result === 'unknown'))
    return 'unknown';
  if (target.health !== 'up' || !(Date.parse(target.lastScrape) > 0))
    return 'down';
  if (checks.some(c => c.result === 'fail' || c.result === 'warn'))
    return 'degraded';
  return 'healthy';
}
