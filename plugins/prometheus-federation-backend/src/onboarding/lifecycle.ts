import { retiringPhase } from './retiring';

export type Phase = 'onboarding' | 'known' | 'retiring';

/** A cluster's catalog entity as the tracker reads it. */
export interface CatalogCluster {
  entityRef: string;
  /** The onboarding-pr annotation. */
  prUrl?: string;
  /** The retiring annotation is set. */
  retiring: boolean;
}

/** What the store holds of the cluster before this pass. */
export interface StoredPhase {
  phase: Phase;
  prUrl?: string;
}

export type LifecycleChange =
  | { kind: 'keep' }
  | { kind: 'remove' }
  /** `reset`: a new phase or pull request, its step times start afresh (since now). */
  | { kind: 'save'; phase: Phase; prUrl?: string; reset: boolean };

/**
 * The next phase of one cluster from its catalog entity and ops Prometheus. A new onboarding-pr
 * link starts onboarding (the tracker ends it once healthy, keeping the link); a retiring annotation or a removed entity makes it retiring until ops no longer has
 * its job, and then the row goes. Pure.
 */
export function nextLifecycle(
  stored: StoredPhase | undefined,
  entity: CatalogCluster | undefined,
  federated: boolean | undefined,
): LifecycleChange {
  const retiring = retiringPhase({
    entityPresent: !!entity,
    annotatedRetiring: !!entity?.retiring,
    seenBefore: !!stored,
    federated,
  });
  if (retiring === 'retired') return { kind: 'remove' };
  if (retiring === 'retiring')
    return stored?.phase === 'retiring'
      ? { kind: 'keep' }
      : { kind: 'save', phase: 'retiring', prUrl: stored?.prUrl, reset: true };
  if (!entity) return { kind: 'keep' };
  const prUrl = entity.prUrl;
  if (prUrl && prUrl !== stored?.prUrl)
    return { kind: 'save', phase: 'onboarding', prUrl, reset: true };
  if (!stored || stored.phase === 'retiring')
    return { kind: 'save', phase: 'known', prUrl, reset: true };
  return { kind: 'keep' };
}
