import { CollectionTiming } from '../collectors/collectFacts';
import { ClusterOptions, FederationOptions } from '../config/options';
import { PackedSnapshot } from './snapshotTransfer';

/** What the collection worker starts with: plain data, cloned into the worker once. */
export interface CollectionWorkerData {
  options: FederationOptions;
}

/** The main thread to the collection worker. */
export type ToCollectionWorker =
  | { type: 'collect'; id: number; clusters: ClusterOptions[] }
  | { type: 'abort'; id: number; reason: string }
  /** The main thread is done with the last snapshot: the worker's garbage may go now. */
  | { type: 'collect-garbage' };

/** The collection worker to the main thread: one answer per collection. */
export type FromCollectionWorker =
  | {
      type: 'collected';
      id: number;
      snapshot: PackedSnapshot;
      timing?: CollectionTiming;
      /** Requests per upstream made by this collection. */
      requests: Record<string, number>;
    }
  | { type: 'failed'; id: number; message: string };
