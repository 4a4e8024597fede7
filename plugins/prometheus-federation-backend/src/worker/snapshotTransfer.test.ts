import { deserialize } from 'node:v8';
import { fleet } from '../__testUtils__/fleetFacts';
import { triageFederation } from '../triage/triageFederation';
import {
  CLUSTERS_PER_PIECE,
  packSnapshot,
  unpackSnapshot,
} from './snapshotTransfer';

describe('the snapshot handed back by the collection worker', () => {
  const { facts, options } = fleet(120);
  const snapshot = triageFederation(facts, options);

  it('comes back whole and equal from its pieces', async () => {
    const { packed } = packSnapshot(snapshot);
    expect(await unpackSnapshot(packed)).toEqual(snapshot);
  });

  it('is cut into pieces of at most CLUSTERS_PER_PIECE clusters, each buffer its own', () => {
    const { packed, transfer } = packSnapshot(snapshot);
    const sizes = packed.clusters.map(
      piece => deserialize(Buffer.from(piece)).length,
    );
    expect(sizes).toEqual([CLUSTERS_PER_PIECE, CLUSTERS_PER_PIECE, 20]);
    // Transferable: no two pieces share an ArrayBuffer.
    expect(new Set(transfer).size).toBe(1 + packed.clusters.length);
    expect(transfer).toContain(packed.rest);
  });
});
