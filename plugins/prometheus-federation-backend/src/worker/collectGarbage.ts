import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options: {
  type: 'major';
  execution: 'sync';
  flavor: string;
}) => void;
let gc: Gc | undefined;

/**
 * A full garbage collection of the calling thread's heap that also gives its free pages back.
 * The collection worker runs one after each collection, once the main thread has handled its
 * snapshot (collectionWorker.ts): V8 grows a heap lazily and does not
 * collect an idle worker, so a finished collection's garbage stayed resident until the next one
 * (at 1000 clusters a worker heap of 260 MB, 80 MB of it live). A plain major collection freed
 * the objects but kept the heap at 150 MB; the `last-resort` flavour (what a heap snapshot runs)
 * shrinks it to what is live. `gc` is taken from a context made for it: the flag gives it to
 * contexts made after it, never to a global that already exists.
 */
export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as Gc;
  }
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
