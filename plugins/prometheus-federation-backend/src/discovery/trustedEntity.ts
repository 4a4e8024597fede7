import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ClusterSummary,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';

/**
 * The one entity a cluster of the snapshot belongs to: the entity app-config names for it, or
 * the entity discovery accepted as the holder of its name. A cluster only ops Prometheus knows
 * has none, so an entity that merely carries the cluster annotation (refused, or claiming a name
 * another entity holds) never stands for it.
 */
export function trustedEntityRef(
  cluster: Pick<ClusterSummary, 'configured' | 'entityRef'>,
): string | undefined {
  return cluster.configured && cluster.entityRef
    ? canonicalEntityRef(cluster.entityRef)
    : undefined;
}

/** Entity references compare without case, as the catalog does. */
export function canonicalEntityRef(ref: string): string {
  let canonical = ref;
  try {
    canonical = stringifyEntityRef(parseEntityRef(ref));
  } catch {
    // Not a reference: compared as written, so it matches no real entity.
  }
  return canonical.toLocaleLowerCase('en-US');
}

/** Whether `entityRef` is the entity the cluster belongs to. */
export function isClusterEntity(
  entityRef: string,
  cluster: Pick<ClusterSummary, 'configured' | 'entityRef'>,
): boolean {
  return trustedEntityRef(cluster) === canonicalEntityRef(entityRef);
}

/** Why `entityRef` may not show the cluster as its own; a refused entity gets discovery's reason. */
export function notTheClusterEntity(
  entityRef: string,
  cluster: Pick<ClusterSummary, 'name' | 'configured' | 'entityRef'>,
  warnings: SetupWarning[],
): string {
  const asked = canonicalEntityRef(entityRef);
  const refused = warnings.find(
    w =>
      w.id === 'catalog-cluster-refused' &&
      !!w.entityRef &&
      canonicalEntityRef(w.entityRef) === asked,
  );
  let why = 'no configured or discovered cluster entity names it';
  if (refused) why = refused.message;
  else if (trustedEntityRef(cluster))
    why = `the cluster belongs to ${cluster.entityRef}`;
  return `${entityRef} does not stand for cluster "${cluster.name}": ${why}`;
}
