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
import { DiscoveryMemory, DiscoveryState } from '../store/discoveryMemory';
import { createHash } from 'node:crypto';

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
  /** Shared by replicas (the plugin's database); without it, this process remembers alone. */
  memory?: DiscoveryMemory;
  counter?: RequestCounter;
  /** For tests: the clock. */
  now?: () => Date;
}

interface Checked {
  entities: EntityCluster[];
  refused: Refusal[];
}

/**
 * The cluster list of each refresh: app-config's clusters merged with the catalog's cluster
 * entities (Resource, type kubernetes-cluster, with the cluster annotation), read in filtered
 * pages. When the catalog cannot be read, the last list read is kept and the page says since when.
 * The name holders and the last list live in `memory`, so that a restart or another replica
 * carries them on; when that memory fails too, this process' own copy is used.
 */
export class CatalogClusterSource implements ClusterSource {
  private local: DiscoveryState = { holders: {} };
  private entities?: Entity[];
  /** When the catalog answered `entities`. */
  private entitiesAt?: string;

  constructor(private readonly deps: CatalogClusterSourceOptions) {}

  async clusters(): Promise<ClusterList> {
    const { options, logger } = this.deps;
    const warnings: SetupWarning[] = [];
    const now = this.now();
    const known = (await this.remember('read', m => m.state())) ?? this.local;
    const state: DiscoveryState = { ...known };
    try {
      this.entities = await this.read();
      this.entitiesAt = now;
      state.readAt = now;
      state.failingSince = undefined;
      const digest = digestOf(this.entities);
      if (digest !== known.listDigest) {
        const entities = this.entities;
        const saved = await this.remember('write', async m => {
          await m.saveEntities(now, entities);
          return true;
        });
        state.listDigest = saved ? digest : known.listDigest;
      }
    } catch (error) {
      state.failingSince ??= now;
      const reason = String(error).split('\n')[0];
      logger.warn(
        `Could not read cluster entities from the catalog: ${reason}`,
      );
      // Another replica (or this one before a restart) may have read the catalog last.
      if (state.readAt && state.readAt > (this.entitiesAt ?? '')) {
        const stored = await this.remember('read', m => m.entities());
        if (stored) {
          this.entities = stored;
          this.entitiesAt = state.readAt;
        }
      }
      warnings.push(
        unavailableWarning(reason, state.failingSince, this.entitiesAt),
      );
    }
    const checked = this.check(this.entities ?? []);
    const merged = mergeClusters(
      options.clusters,
      checked.entities,
      new Map(Object.entries(state.holders ?? {})),
    );
    state.holders = Object.fromEntries(merged.holders);
    this.local = state;
    await this.remember('write', async m => {
      await m.saveState(now, state);
      return true;
    });
    for (const refusal of [...checked.refused, ...merged.refused])
      warnings.push(refusalWarning(refusal));
    return { clusters: merged.clusters, warnings };
  }

  /** A call to the shared memory; a failure is logged and answers undefined. */
  private async remember<T>(
    what: 'read' | 'write',
    call: (memory: DiscoveryMemory) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const { memory, logger } = this.deps;
    if (!memory) return undefined;
    try {
      return await call(memory);
    } catch (error) {
      logger.warn(
        `Could not ${what} discovery's shared memory (the database): ${error}; this replica's own copy is used`,
      );
      return undefined;
    }
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

  /** The catalog's cluster entities, as it answers them, in filtered pages. */
  private async read(): Promise<Entity[]> {
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
    if (truncated)
      this.deps.logger.warn(
        `More than ${discovery.maxClusters} cluster entities in the catalog; the rest are left out (prometheusFederation.discovery.maxClusters)`,
      );
    return entities.slice(0, discovery.maxClusters);
  }

  /** Each entity checked with the current trust settings; a bad one is refused alone. */
  private check(entities: Entity[]): Checked {
    const { options } = this.deps;
    const discovery = options.discovery;
    const result: Checked = { entities: [], refused: [] };
    for (const entity of entities) {
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
    return result;
  }
}

/** Tells whether the list changed since it was stored, without comparing it whole. */
function digestOf(entities: Entity[]): string {
  return createHash('sha256').update(JSON.stringify(entities)).digest('hex');
}

/** The entity's ref for a warning, even when the entity is malformed. */
function refOf(entity: Entity): string {
  return `resource:${entity.metadata?.namespace ?? 'default'}/${
    entity.metadata?.name
  }`;
}
