/** What the catalog says of a cluster the tracker has seen an entity for. */
export interface RetiringInput {
  /** The cluster's entity is in the catalog. */
  entityPresent: boolean;
  /** It carries the retiring annotation. */
  annotatedRetiring: boolean;
  /** An entity was seen for it before (so its absence means it was removed). */
  seenBefore: boolean;
  /** Ops Prometheus has its federate job; undefined when ops could not be read. */
  federated?: boolean;
}

/**
 * A removed cluster (entity gone after it was seen, or annotated retiring) is retiring while
 * ops Prometheus still has its job, and retired once it does not. Unknown ops: still retiring.
 */
export function retiringPhase(
  input: RetiringInput,
): 'retiring' | 'retired' | undefined {
  const removed =
    input.annotatedRetiring || (!input.entityPresent && input.seenBefore);
  if (!removed) return undefined;
  return input.federated === false ? 'retired' : 'retiring';
}
