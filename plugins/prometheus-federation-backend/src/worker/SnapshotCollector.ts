import { CollectionTiming } from '../collectors/collectFacts';
import { RequestCounter } from '../collectors/requestCounter';
import { ClusterOptions } from '../config/options';
import { FederationSnapshot } from '../triage/triageFederation';

/**
 * Collects the facts of this refresh's clusters and triages them into a snapshot. The plugin's
 * runs in a worker thread (WorkerSnapshotCollector); tests may run the same work in-process.
 */
export interface SnapshotCollector {
  /** Once `signal` aborts (task timeout, shutdown) the collection ends and no read starts. */
  collect(
    clusters: ClusterOptions[],
    signal?: AbortSignal,
  ): Promise<FederationSnapshot>;
  /** The last collection's duration and per-kind timing (reported when it outlasts the interval). */
  readonly lastTiming?: CollectionTiming;
  /** Requests per upstream, for the benchmarks and the request-budget tests. */
  readonly counter: RequestCounter;
  /**
   * The serving thread is done with the last snapshot (stored, listeners run, or the collection
   * failed): the collector may now tidy up without competing with that work (the worker collects
   * its garbage). Collectors with nothing to tidy leave it out.
   */
  snapshotHandled?(): void;
  /** On stop: reads in flight end and kept-alive sockets close. */
  close(): void;
}
