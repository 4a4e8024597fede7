import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';

/** A Location entity with the processing errors the catalog stitches into its status. */
export type LocationEntity = Entity & {
  status?: { items?: Array<{ level?: string; error?: { name?: string } }> };
};

/**
 * The catalog keeps an entity whose file was deleted: it reads the location again, gets a 404,
 * and records a NotFoundError on the Location entity instead of orphaning the children. The
 * remove template deletes the cluster's catalog file, so that error is how the tracker learns
 * the cluster was removed. Returns the `url:<target>` references of such locations, in the form
 * of the children's `backstage.io/managed-by-location` annotation.
 */
export function goneSources(locations: LocationEntity[]): Set<string> {
  const gone = new Set<string>();
  for (const location of locations) {
    const spec = (location.spec ?? {}) as { type?: string; target?: string };
    const notFound = (location.status?.items ?? []).some(
      item => item.level === 'error' && item.error?.name === 'NotFoundError',
    );
    if (notFound && spec.target)
      gone.add(`${spec.type ?? 'url'}:${spec.target}`);
  }
  return gone;
}

/**
 * Whether the entity's file is gone (see goneSources). Both annotations: the catalog records
 * a GitHub file read by search as its `tree/` URL in managed-by-location, while the location
 * registered for it (the origin) keeps the `blob/` URL the template registered.
 */
export function sourceGone(entity: Entity, gone: Set<string>): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return [ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION].some(
    key => !!annotations[key] && gone.has(annotations[key]),
  );
}
