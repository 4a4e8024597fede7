import {
  ClusterStatus,
  ClusterSummary,
} from '@promfed/plugin-prometheus-federation-common';
import { FederationSnapshot } from '../triage/triageFederation';

/** A cluster as the list shows it: without checks, remediation, history or warnings. */
export function summaryOf(
  cluster: ClusterSummary & Partial<ClusterStatus>,
): ClusterSummary {
  const {
    checks: _c,
    remediation: _r,
    history: _h,
    warnings: _w,
    ...summary
  } = cluster;
  return summary;
}

/** A snapshot as the list route needs it: cluster summaries, no per-application series. */
export type FederationList = Omit<
  FederationSnapshot,
  'clusters' | 'applications'
> & { clusters: ClusterSummary[] };
