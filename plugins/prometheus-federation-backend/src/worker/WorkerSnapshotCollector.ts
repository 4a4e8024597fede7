import { Worker } from 'node:worker_threads';
import { CollectionTiming } from '../collectors/collectFacts';
import { RequestCounter } from '../collectors/requestCounter';
import { ClusterOptions, FederationOptions } from '../config/options';
import { FederationSnapshot } from '../triage/triageFederation';
import { CollectionWorkerData, FromCollectionWorker } from './messages';
import { SnapshotCollector } from './SnapshotCollector';
import { unpackSnapshot } from './snapshotTransfer';
import { startCollectionWorker } from './startCollectionWorker';

/**
 * How long after the main thread has handled a snapshot the worker collects its garbage. The
 * main thread's work does not end with the listeners: the scheduler records the task's end and
 * the history is pruned (synchronous statements on SQLite), and the next list read encodes the
 * new body. A worker collection that overlapped them (several hundred ms of CPU on V8's helper
 * threads, and page releases) starved the serving thread on two cores.
 */
export const GARBAGE_DELAY_MS = 2000;

interface Pending {
  resolve: (snapshot: FederationSnapshot) => void;
  reject: (error: unknown) => void;
}

/**
 * Collection and triage in a worker thread that owns the collectors: the serving event loop
 * only sends the cluster list and receives the snapshot, in pieces (snapshotTransfer). A worker
 * that crashes or exits fails the collection it ran; the next collection starts a new one.
 */
export class WorkerSnapshotCollector implements SnapshotCollector {
  lastTiming?: CollectionTiming;
  readonly counter = new RequestCounter();
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private garbageTimer?: NodeJS.Timeout;

  constructor(
    private readonly options: FederationOptions,
    private readonly start: (
      data: CollectionWorkerData,
    ) => Worker = startCollectionWorker,
    private readonly garbageDelayMs = GARBAGE_DELAY_MS,
  ) {}

  collect(
    clusters: ClusterOptions[],
    signal?: AbortSignal,
  ): Promise<FederationSnapshot> {
    if (this.closed)
      return Promise.reject(new Error('the collection worker is closed'));
    signal?.throwIfAborted();
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<FederationSnapshot>((resolve, reject) => {
      const onAbort = () => {
        // The worker stops its reads; its late answer is ignored.
        worker.postMessage({
          type: 'abort',
          id,
          reason: String(signal?.reason?.message ?? signal?.reason),
        });
        this.settle(id)?.reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: snapshot => {
          done();
          resolve(snapshot);
        },
        reject: error => {
          done();
          reject(error);
        },
      });
      // A collection in flight keeps the process alive; an idle worker does not.
      worker.ref();
      worker.postMessage({ type: 'collect', id, clusters });
    });
  }

  /** The worker collects its garbage after GARBAGE_DELAY_MS, not while this thread is busy. */
  snapshotHandled(): void {
    clearTimeout(this.garbageTimer);
    this.garbageTimer = setTimeout(
      () => this.worker?.postMessage({ type: 'collect-garbage' }),
      this.garbageDelayMs,
    );
    // A pending collection of garbage never keeps the process alive.
    this.garbageTimer.unref();
  }

  /** Ends the worker: its reads and sockets go with it; a running collection fails. */
  close(): void {
    this.closed = true;
    clearTimeout(this.garbageTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the backend is stopping'));
    worker?.terminate().catch(() => {});
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start({ options: this.options });
    let crash: Error | undefined;
    worker.on('message', (message: FromCollectionWorker) =>
      this.onMessage(message),
    );
    worker.on('error', (error: Error) => {
      crash = error;
    });
    worker.on('exit', code => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(
        new Error(
          `The federation collection worker stopped (${
            crash ? crash.message : `exit code ${code}`
          }); the next collection starts a new one`,
        ),
      );
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private async onMessage(message: FromCollectionWorker) {
    const pending = this.settle(message.id);
    if (!pending) return; // aborted: nobody waits for it
    if (message.type === 'failed') {
      pending.reject(new Error(message.message));
      return;
    }
    this.lastTiming = message.timing;
    for (const [upstream, n] of Object.entries(message.requests))
      this.counter.add(upstream, n);
    try {
      pending.resolve(await unpackSnapshot(message.snapshot));
    } catch (error) {
      pending.reject(error);
    }
  }

  /** The collection's waiter, removed; the worker stops holding the process once none is left. */
  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    return pending;
  }

  private failAll(error: Error) {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
  }
}
