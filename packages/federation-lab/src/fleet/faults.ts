/**
 * The faults a fleet's clusters carry from the start, one per faulted cluster: one of each kind
 * of failing path (the leaf's answer, its connection, its certificate, AWS, Kubernetes), and one
 * from the ops side: `ops-source-moved`, ops moved to a new security group while these leaves'
 * 443 rules still allow the previous one.
 */
export const FLEET_FAULTS = [
  'leaf-error-500',
  'connection-reset',
  'certificate-expired',
  'security-group-rule-removed',
  'ingress-missing',
  'ops-source-moved',
] as const;

export type FleetFault = (typeof FLEET_FAULTS)[number];

/**
 * round(n × fraction) clusters, spread evenly over the fleet, the kinds in turn; the same
 * options always fault the same clusters, so runs compare.
 */
export function assignFleetFaults(
  clusters: string[],
  fraction: number,
): Record<string, FleetFault> {
  const count = Math.round(clusters.length * fraction);
  const faults: Record<string, FleetFault> = {};
  for (let k = 0; k < count; k++) {
    const index = Math.floor((k * clusters.length) / count);
    faults[clusters[index]] = FLEET_FAULTS[k % FLEET_FAULTS.length];
  }
  return faults;
}

/** Faulted clusters whose federate target ops Prometheus sees down. */
export function targetDown(fault: FleetFault | undefined): boolean {
  return (
    fault === 'leaf-error-500' ||
    fault === 'connection-reset' ||
    fault === 'certificate-expired'
  );
}
