import { FactsCollector } from '../collectors/collectFacts';
import { RequestCounter } from '../collectors/requestCounter';
import { ClusterOptions, FederationOptions } from '../config/options';
import {
  FederationSnapshot,
  triageFederationInSlices,
} from '../triage/triageFederation';
import { SnapshotCollector } from './SnapshotCollector';

/**
 * Collection and triage on the calling thread: what the collection worker runs, and what unit
 * tests of the service run without a worker. Triage gives the loop back between clusters.
 */
export class InProcessSnapshotCollector implements SnapshotCollector {
  private readonly facts: FactsCollector;

  constructor(
    private readonly options: FederationOptions,
    readonly counter = new RequestCounter(),
  ) {
    this.facts = new FactsCollector(options, counter);
  }

  get lastTiming() {
    return this.facts.lastTiming;
  }

  async collect(
    clusters: ClusterOptions[],
    signal?: AbortSignal,
  ): Promise<FederationSnapshot> {
    const facts = await this.facts.collect(clusters, signal);
    signal?.throwIfAborted();
    return triageFederationInSlices(facts, { ...this.options, clusters });
  }

  close(): void {
    this.facts.close();
  }
}
