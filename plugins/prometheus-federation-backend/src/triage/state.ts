import {
  Check,
  ClusterState,
} from '@internal/plugin-prometheus-federation-common';
import { PromTarget } from '../collectors/types';

/**
 * The cluster's state (see the README). The target is the authority: down whenever it is down or
 * never scraped.
 * Checks that are unknown or not configured do not lower a cluster whose target is up.
 */
export function clusterState(
  opsReachable: boolean,
  target: PromTarget | undefined,
  checks: Check[],
): ClusterState {
  if (!opsReachable || !target) return 'unknown';
  if (target.health !== 'up' || !(Date.parse(target.lastScrape) > 0))
    return 'down';
  if (checks.some(c => c.result === 'fail' || c.result === 'warn'))
    return 'degraded';
  return 'healthy';
}

/**
 * The headline (docs/federation-setup.md#headline-policy): the first `fail` in chain order, else the first `warn`. An `unknown` check
 * heads only a cluster whose state is unknown: on a healthy cluster it is a footnote.
 */
export function headlineCheck(
  checks: Check[],
  state: ClusterState,
): Check | undefined {
  const results =
    state === 'unknown'
      ? (['fail', 'warn', 'unknown'] as const)
      : (['fail', 'warn'] as const);
  for (const result of results) {
    const found = checks.find(c => c.result === result);
    if (found) return found;
  }
  return undefined;
}
