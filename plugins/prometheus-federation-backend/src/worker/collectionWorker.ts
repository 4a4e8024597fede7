/*
 * The collection worker's entry (package export `./collectionWorker`): it owns the collectors,
 * so the upstream answers (EC2's XML, Kubernetes' JSON, TLS), the triage and the garbage they
 * leave are handled on this thread, not on the event loop that serves every plugin's requests.
 */
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { collectGarbage } from './collectGarbage';
import { InProcessSnapshotCollector } from './InProcessSnapshotCollector';
import {
  CollectionWorkerData,
  FromCollectionWorker,
  ToCollectionWorker,
} from './messages';
import { SnapshotCollector } from './SnapshotCollector';
import { packSnapshot } from './snapshotTransfer';

/**
 * Answers the main thread's messages on `port`: collections one at a time, and the garbage
 * collection it asks for once it has handled a snapshot.
 */
export function serveCollections(
  port: MessagePort,
  collector: SnapshotCollector,
  collectGarbageNow: () => void = collectGarbage,
) {
  const running = new Map<number, AbortController>();
  // One collection at a time (the limits are reset per collection); an aborted one ends soon.
  let queue = Promise.resolve();

  async function collect({
    id,
    clusters,
  }: Extract<ToCollectionWorker, { type: 'collect' }>) {
    const signal = running.get(id)!.signal;
    let answer: FromCollectionWorker;
    let transfer: ArrayBuffer[] = [];
    try {
      signal.throwIfAborted();
      collector.counter.reset();
      const snapshot = await collector.collect(clusters, signal);
      const packed = packSnapshot(snapshot);
      transfer = packed.transfer;
      answer = {
        type: 'collected',
        id,
        snapshot: packed.packed,
        timing: collector.lastTiming,
        requests: collector.counter.snapshot(),
      };
    } catch (error) {
      answer = { type: 'failed', id, message: String(error) };
    }
    running.delete(id);
    port.postMessage(answer, transfer);
  }

  port.on('message', (message: ToCollectionWorker) => {
    if (message.type === 'collect-garbage') {
      // The collection's garbage goes once the main thread has handled its snapshot: the two
      // threads' collections at once held the serving loop (collectGarbage.ts). Not while
      // another collection runs: its own snapshot's turn comes.
      if (running.size === 0) collectGarbageNow();
      return;
    }
    if (message.type === 'abort') {
      running.get(message.id)?.abort(new Error(message.reason));
      return;
    }
    running.set(message.id, new AbortController());
    queue = queue.then(() => collect(message));
  });
}

// Only as a worker: bundlers and type-checks may load the module on the main thread.
if (parentPort)
  serveCollections(
    parentPort,
    new InProcessSnapshotCollector(
      (workerData as CollectionWorkerData).options,
    ),
  );
