import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { ANNOTATION_ORIGIN_LOCATION, Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_ANNOTATION,
  KUBERNETES_CLUSTER_TYPE,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';
import { DiscoveryOptions, FederationOptions } from '../config/options';
import { RequestCounter } from '../collectors/requestCounter';
import { withTimeout } from '../store/withTimeout';
import { entityCluster } from './entityCluster';
import { mergeClusters } from './mergeClusters';
import { refusalWarning, unavailableWarning } from './discoveryWarnings';
import { ClusterList, ClusterSource, EntityCluster, Refusal } from './types';

/** Only what discovery reads: each page stays small at a thousand clusters. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

export interface CatalogClusterSourceOptions {
  catalog: CatalogService;
  auth: AuthService;
  options: FederationOptions & { discovery: DiscoveryOptions };
  logger: LoggerService;
  counter?: RequestCounter;
  /** For tests: the clock. */
  now?: () => Date;
}

interface Read {
  entities: EntityCluster[];
  refused: Refusal[];
  at: string;
}

/**
 * The cluster list of each refresh: app-config's clusters merged with the catalog's cluster
 * entities (Resource, type kubernetes-cluster, with the cluster annotation), read in filtered
 * pages. When the catalog cannot be read, the last list read is kept and the page says since when.
 */
export class CatalogClusterSource implements ClusterSource {
  private last?: Read;
  private failingSince?: string;
  private holders = new Map<string, string>();

  constructor(private readonly deps: CatalogClusterSourceOptions) {}

  async clusters(): Promise<ClusterList> {
    const { options, logger } = this.deps;
    const warnings: SetupWarning[] = [];
    try {
      this.last = await this.read();
      this.failingSince = undefined;
    } catch (error) {
      const now = this.now();
      this.failingSince ??= now;
      const reason = String(error).split('\n')[0];
      logger.warn(
        `Could not read cluster entities from the catalog: ${reason}`,
      );
      warnings.push(
        unavailableWarning(reason, this.failingSince, this.last?.at),
      );
    }
    const read = this.last ?? { entities: [], refused: [], at: '' };
    const merged = mergeClusters(options.clusters, read.entities, this.holders);
    this.holders = merged.holders;
    for (const refusal of [...read.refused, ...merged.refused])
      warnings.push(refusalWarning(refusal));
    return { clusters: merged.clusters, warnings };
  }

  private now() {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private filter(discovery: DiscoveryOptions) {
    return {
      kind: 'Resource',
      'spec.type': KUBERNETES_CLUSTER_TYPE,
      [`metadata.annotations.${CLUSTER_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
      ...(discovery.namespaces.length
        ? { 'metadata.namespace': discovery.namespaces }
        : {}),
      ...(discovery.owners.length
        ? { 'relations.ownedBy': discovery.owners }
        : {}),
    };
  }

  private async read(): Promise<Read> {
    const { catalog, auth, options, counter } = this.deps;
    const discovery = options.discovery;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    let truncated = false;
    do {
      counter?.add('catalog');
      const request = cursor
        ? { cursor, limit: discovery.pageSize, fields: FIELDS }
        : {
            filter: this.filter(discovery),
            limit: discovery.pageSize,
            fields: FIELDS,
            orderFields: { field: 'metadata.name', order: 'asc' as const },
          };
      // The catalog service takes no abort signal: stop waiting at the source's timeout.
      const page = await withTimeout(
        'catalog',
        options.upstreamTimeoutSeconds * 1000,
        () => catalog.queryEntities(request, { credentials }),
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
      if (entities.length >= discovery.maxClusters) {
        truncated = !!cursor || entities.length > discovery.maxClusters;
        break;
      }
    } while (cursor);
    const result: Read = { entities: [], refused: [], at: this.now() };
    for (const entity of entities.slice(0, discovery.maxClusters)) {
      const origin = entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
      if (
        discovery.locations.length &&
        !discovery.locations.some(prefix => origin?.startsWith(prefix))
      ) {
        result.refused.push({
          entityRef: refOf(entity),
          reason: `its origin location ${
            origin ?? '(none)'
          } is not under prometheusFederation.discovery.locations`,
        });
        continue;
      }
      let parsed: ReturnType<typeof entityCluster>;
      try {
        parsed = entityCluster(entity, discovery, options.aws.opsSource);
      } catch (error) {
        // Whatever is wrong with one entity refuses that entity alone, never the pass.
        parsed = {
          refusal: { entityRef: refOf(entity), reason: String(error) },
        };
      }
      if ('refusal' in parsed) result.refused.push(parsed.refusal);
      else result.entities.push(parsed.cluster);
    }
    if (truncated)
      this.deps.logger.warn(
        `More than ${discovery.maxClusters} cluster entities in the catalog; the rest are left out (prometheusFederation.discovery.maxClusters)`,
      );
    return result;
  }
}

/** The entity's ref for a warning, even when the entity is malformed. */
function refOf(entity: Entity): string {
  return `resource:${entity.metadata?.namespace ?? 'default'}/${
    entity.metadata?.name
  }`;
}
