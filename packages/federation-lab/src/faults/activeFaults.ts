import type { ActiveFault, LabFault } from '../state';

/** The faults applied right now, in the order they were applied. */
export class ActiveFaults {
  private readonly list: ActiveFault[] = [];

  has(fault: LabFault, cluster: string): boolean {
    return this.list.some(f => f.fault === fault && f.cluster === cluster);
  }

  /** Clusters that have `fault`. */
  clustersWith(fault: LabFault): string[] {
    return this.list.filter(f => f.fault === fault).map(f => f.cluster);
  }

  add(fault: LabFault, cluster: string): void {
    if (!this.has(fault, cluster))
      this.list.push({ fault, cluster, since: new Date().toISOString() });
  }

  remove(fault: LabFault, cluster: string): void {
    const i = this.list.findIndex(
      f => f.fault === fault && f.cluster === cluster,
    );
    if (i !== -1) this.list.splice(i, 1);
  }

  all(): ActiveFault[] {
    return [...this.list];
  }
}
