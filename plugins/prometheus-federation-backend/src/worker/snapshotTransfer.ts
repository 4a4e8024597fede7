import { deserialize, serialize } from 'node:v8';
import { FederationSnapshot } from '../triage/triageFederation';

/**
 * Clusters per piece. A structured clone of the whole 1000-cluster snapshot (about 4.5 MB)
 * deserializes in one piece for 30-100 ms on the receiving thread; 50 clusters take a few ms.
 */
export const CLUSTERS_PER_PIECE = 50;

/** A snapshot as serialized pieces, each its own buffer, transferred (not copied) to the main thread. */
export interface PackedSnapshot {
  /** Everything but the clusters. */
  rest: ArrayBuffer;
  clusters: ArrayBuffer[];
}

function bufferOf(value: unknown): ArrayBuffer {
  const bytes = serialize(value);
  // A buffer of its own: the transfer list detaches it whole.
  return bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
}

/** In the worker: the snapshot in pieces, and the buffers to transfer. */
export function packSnapshot(snapshot: FederationSnapshot): {
  packed: PackedSnapshot;
  transfer: ArrayBuffer[];
} {
  const { clusters, ...rest } = snapshot;
  const packed: PackedSnapshot = { rest: bufferOf(rest), clusters: [] };
  for (let i = 0; i < clusters.length; i += CLUSTERS_PER_PIECE)
    packed.clusters.push(bufferOf(clusters.slice(i, i + CLUSTERS_PER_PIECE)));
  return { packed, transfer: [packed.rest, ...packed.clusters] };
}

const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve));

/** On the main thread: one piece per turn of the event loop, so requests are served between them. */
export async function unpackSnapshot(
  packed: PackedSnapshot,
): Promise<FederationSnapshot> {
  const rest = deserialize(Buffer.from(packed.rest));
  const clusters: FederationSnapshot['clusters'] = [];
  for (const piece of packed.clusters) {
    await nextTurn();
    clusters.push(...deserialize(Buffer.from(piece)));
  }
  return { ...rest, clusters };
}
