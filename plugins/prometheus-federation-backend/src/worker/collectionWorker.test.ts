import { MessageChannel, MessagePort } from 'node:worker_threads';
import { RequestCounter } from '../collectors/requestCounter';
import { FederationSnapshot } from '../triage/triageFederation';
import { serveCollections } from './collectionWorker';
import { FromCollectionWorker, ToCollectionWorker } from './messages';
import { SnapshotCollector } from './SnapshotCollector';

const snapshot = {
  generatedAt: '2026-12-07T15:00:00.000Z',
  clusters: [],
  warnings: [],
} as unknown as FederationSnapshot;

/** A collector whose collections end when the test says so. */
function heldCollector() {
  const ends: Array<() => void> = [];
  const collector: SnapshotCollector = {
    counter: new RequestCounter(),
    collect: () =>
      new Promise(resolve =>
        ends.push(() => resolve(structuredClone(snapshot))),
      ),
    close: () => {},
  };
  return { collector, endNext: () => ends.shift()!() };
}

describe('the collection worker', () => {
  let main: MessagePort;
  let worker: MessagePort;
  beforeEach(() => {
    ({ port1: main, port2: worker } = new MessageChannel());
  });
  afterEach(() => {
    main.close();
    worker.close();
  });

  const send = (message: ToCollectionWorker) => main.postMessage(message);
  const answer = () =>
    new Promise<FromCollectionWorker>(resolve => main.once('message', resolve));
  /** A round trip through the port: messages sent before it have been handled. */
  const settled = () => new Promise(resolve => setTimeout(resolve, 50));

  it('collects its garbage when the main thread has handled the snapshot, not as it sends it', async () => {
    const { collector, endNext } = heldCollector();
    const collectGarbage = jest.fn();
    serveCollections(worker, collector, collectGarbage);

    send({ type: 'collect', id: 1, clusters: [] });
    const collected = answer();
    await settled();
    endNext();
    expect((await collected).type).toBe('collected');
    await settled();
    // The main thread now reads the pieces, stores them and runs its listeners.
    expect(collectGarbage).not.toHaveBeenCalled();

    send({ type: 'collect-garbage' });
    await settled();
    expect(collectGarbage).toHaveBeenCalledTimes(1);
  });

  it('does not collect its garbage while the next collection runs', async () => {
    const { collector, endNext } = heldCollector();
    const collectGarbage = jest.fn();
    serveCollections(worker, collector, collectGarbage);

    send({ type: 'collect', id: 1, clusters: [] });
    await settled();
    // A late word about the previous snapshot, while this collection reads.
    send({ type: 'collect-garbage' });
    await settled();
    expect(collectGarbage).not.toHaveBeenCalled();

    const collected = answer();
    endNext();
    await collected;
    send({ type: 'collect-garbage' });
    await settled();
    expect(collectGarbage).toHaveBeenCalledTimes(1);
  });
});
