import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_ANNOTATION,
  CLUSTER_NAME_RULE,
  ONBOARDING_PR_ANNOTATION,
  RETIRING_ANNOTATION,
  validationProblem,
} from '@promfed/plugin-prometheus-federation-common';
import { CatalogCluster } from '../onboarding/lifecycle';
import { goneSources, sourceGone } from '../onboarding/goneSources';
import { errorText, withTimeout } from './sourced';

/** Columns of the lifecycle table an annotation lands in: longer values are refused. */
const MAX_STORED_LENGTH = 255;

export interface CatalogClustersOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  timeoutSeconds: number;
  signal?: AbortSignal;
}

/** Why one annotated entity cannot be tracked, or undefined when it can. */
function refusal(cluster: string, entityRef: string): string | undefined {
  const problem = validationProblem(CLUSTER_NAME_RULE, cluster);
  if (problem) return `its ${CLUSTER_ANNOTATION} annotation: ${problem}`;
  if (entityRef.length > MAX_STORED_LENGTH)
    return `its entity reference is longer than ${MAX_STORED_LENGTH} characters`;
  return undefined;
}

/** The cluster Resources and the Locations, under the timeout and the collection's signal. */
function read(options: CatalogClustersOptions) {
  const { catalog, auth } = options;
  return withTimeout('catalog', options.timeoutSeconds, async timeoutSignal => {
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeoutSignal])
      : timeoutSignal;
    const credentials = await auth.getOwnServiceCredentials();
    signal.throwIfAborted();
    return Promise.all([
      // Cluster Resources; the annotation is checked here (no catalog-client for "exists").
      catalog.getEntities(
        {
          filter: { kind: 'Resource' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        },
        { credentials },
      ),
      catalog.getEntities(
        {
          filter: { kind: 'Location' },
          fields: ['spec.type', 'spec.target', 'status'],
        },
        { credentials },
      ),
    ]);
  });
}

/**
 * The cluster Resources of the catalog (those with the cluster annotation), per cluster name,
 * each marked removed when its catalog file reads as gone. Every file gone at once is the Git
 * provider refusing the token, not a mass removal. An entity whose annotation breaks the common
 * rules is refused alone, with a warning naming it. I/O only, under a timeout and the signal.
 */
export async function catalogClusters(
  options: CatalogClustersOptions,
): Promise<Map<string, CatalogCluster[]>> {
  const { logger } = options;
  const [{ items }, { items: locations }] = await read(options).catch(error => {
    throw new Error(`the catalog could not be read: ${errorText(error)}`);
  });
  const annotated = items.filter(
    (e: Entity) => e.metadata.annotations?.[CLUSTER_ANNOTATION],
  );
  const gone = goneSources(locations);
  const removed = annotated.filter(e => sourceGone(e, gone));
  const accessProblem =
    removed.length > 1 && removed.length === annotated.length;
  if (accessProblem)
    logger.warn(
      `Every cluster's catalog file reads as not found; taking it as an access problem, not ${removed.length} removals`,
    );
  const clusters = new Map<string, CatalogCluster[]>();
  for (const e of annotated) {
    const a = e.metadata.annotations ?? {};
    const cluster = a[CLUSTER_ANNOTATION];
    const entityRef = stringifyEntityRef(e);
    const refused = refusal(cluster, entityRef);
    if (refused) {
      logger.warn(`Not tracking ${entityRef.slice(0, 300)}: ${refused}`);
      continue;
    }
    const list = clusters.get(cluster) ?? [];
    list.push({
      entityRef,
      prUrl: a[ONBOARDING_PR_ANNOTATION] || undefined,
      retiring: RETIRING_ANNOTATION in a,
      removed: !accessProblem && removed.includes(e),
    });
    clusters.set(cluster, list);
  }
  return clusters;
}
