import type { CheckId, DiagnosisCause, Remediation } from './types';

/**
 * "Is it them or us?": one check failing with one cause on many clusters in one refresh. `side`
 * says whether it points at the ops side (its source group or NAT address, the CA it trusts,
 * ops Prometheus' own config) or at each leaf.
 */
export interface SharedCause {
  check: CheckId;
  cause?: DiagnosisCause;
  side: 'ops' | 'leaf';
  /** One sentence for on-call, e.g. "37 clusters: security group: no rule allows the ops source". */
  summary: string;
  /** Why this side: what the clusters have in common. */
  reason: string;
  remediation: Remediation;
  /** The clusters it covers, by name. */
  clusters: string[];
}
