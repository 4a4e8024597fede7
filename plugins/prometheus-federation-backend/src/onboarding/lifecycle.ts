import { retiringPhase } from './retiring';

export type Phase = 'onboarding' | 'known' | 'retiring';

/** A cluster's catalog entity as the tracker reads it. */
export interface CatalogCluster {
  entityRef: string;
  /** The onboarding-pr annotation. */
  prUrl?: string;
  /** The retiring annotation is set. */
  retiring: boolean;
  /** Its catalog file is gone (the catalog's NotFoundError on its location): removed. */
  removed?: boolean;
}

/** What the store holds of the cluster before this pass. */
export interface StoredPhase {
  phase: Phase;
  prUrl?: string;
  /** The phase before retiring, restored if the entity comes back. */
  previousPhase?: Phase;
}

export type LifecycleChange =
  | { kind: 'keep' }
  | { kind: 'remove' }
  /**
   * `reset`: a new pull request, its step times start afresh. `previousPhase`: kept while
   * retiring, so that a cluster that comes back resumes where it was.
   */
  | {
      kind: 'save';
      phase: Phase;
      prUrl?: string;
      reset: boolean;
      previousPhase?: Phase;
    };

export interface LifecycleFacts {
  /** The entity the tracker trusts for the cluster; undefined when none is in the answer. */
  entity?: CatalogCluster;
  /** Ops Prometheus has its federate job; undefined when ops could not be read. */
  federated?: boolean;
}

/**
 * The next phase of one cluster from its catalog entity and ops Prometheus. A new onboarding-pr
 * link on the cluster's own entity (the one the snapshot names; another entity's link is never
 * read) starts onboarding, also again for a known cluster (the tracker ends it once healthy,
 * keeping the link);
 * a retiring annotation or a removed catalog file makes it retiring until ops no longer has its
 * job, and then the row goes. An entity missing from the catalog's answer is not a removal: an
 * empty or partial answer (an expired token, a catalog restarting) is an access problem, and the
 * cluster keeps its phase and its history. Retiring never drops step times. Pure.
 */
export function nextLifecycle(
  stored: StoredPhase | undefined,
  facts: LifecycleFacts,
): LifecycleChange {
  const { entity, federated } = facts;
  if (!entity) {
    // Only a cluster already retiring goes once ops no longer has its job.
    if (stored?.phase === 'retiring' && federated === false)
      return { kind: 'remove' };
    return { kind: 'keep' };
  }
  // A file gone before the tracker ever saw the cluster: nothing to retire.
  if (entity.removed && !stored) return { kind: 'keep' };
  const retiring = retiringPhase({
    entityPresent: !entity.removed,
    annotatedRetiring: entity.retiring,
    seenBefore: !!stored,
    federated,
  });
  if (retiring === 'retired') return { kind: 'remove' };
  if (retiring === 'retiring')
    return stored?.phase === 'retiring'
      ? { kind: 'keep' }
      : {
          kind: 'save',
          phase: 'retiring',
          prUrl: stored?.prUrl,
          reset: false,
          previousPhase: stored?.phase,
        };
  const prUrl = entity.prUrl;
  const newLink = !!prUrl && prUrl !== stored?.prUrl;
  if (newLink) return { kind: 'save', phase: 'onboarding', prUrl, reset: true };
  if (!stored)
    return { kind: 'save', phase: 'known', prUrl: undefined, reset: true };
  if (stored.phase === 'retiring')
    return {
      kind: 'save',
      phase: stored.previousPhase ?? 'known',
      prUrl: stored.prUrl,
      reset: false,
    };
  return { kind: 'keep' };
}
