import { PROMETHEUS_HOST_ANNOTATION } from '@promfed/plugin-prometheus-federation-common';
import { clusterDefaults } from '../config/clusterDefaults';
import { ClusterOptions } from '../config/options';
import { EntityCluster, Refusal } from './types';

export interface MergedClusters {
  clusters: ClusterOptions[];
  refused: Refusal[];
  /** Cluster name -> the entity that holds it, to carry into the next pass (first known keeps it). */
  holders: Map<string, string>;
}

/** An app-config entry with its entity: the entry wins field by field, the entity fills the rest. */
function merged(config: ClusterOptions, entity: EntityCluster): ClusterOptions {
  return {
    ...config,
    exposure: config.exposure ?? entity.exposure,
    aws: config.aws ?? entity.aws,
    kubernetes: config.kubernetes ?? entity.kubernetes,
    source: 'config+catalog',
  };
}

function fromEntity(entity: EntityCluster, host: string): ClusterOptions {
  return {
    ...clusterDefaults(entity.name),
    name: entity.name,
    entityRef: entity.entityRef,
    host,
    port: 443,
    exposure: entity.exposure,
    aws: entity.aws,
    kubernetes: entity.kubernetes,
    source: 'catalog',
  };
}

/**
 * App-config clusters plus the catalog's. One entity per cluster name: the one that held it in
 * the last pass, else the one an app-config entry names (its entityRef), else the first by
 * entity ref.
 * Every other claimant is refused and named: no takeover, no hiding. Pure.
 */
export function mergeClusters(
  config: ClusterOptions[],
  entities: EntityCluster[],
  previousHolders: ReadonlyMap<string, string>,
): MergedClusters {
  const configured = new Map(config.map(c => [c.name, c]));
  const byName = new Map<string, EntityCluster[]>();
  for (const e of [...entities].sort((a, b) =>
    a.entityRef.localeCompare(b.entityRef),
  )) {
    byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  }
  const refused: Refusal[] = [];
  const holders = new Map<string, string>();
  const fromCatalog = new Map<string, EntityCluster>();
  for (const [name, claimants] of byName) {
    const entry = configured.get(name);
    const kept = claimants.find(c => c.entityRef === previousHolders.get(name));
    // An app-config entry names its entity: no other entity may take its name.
    const holder =
      kept ??
      (entry
        ? claimants.find(c => c.entityRef === entry.entityRef)
        : claimants[0]);
    const wanted = holder?.entityRef ?? entry?.entityRef;
    for (const other of claimants) {
      if (other === holder) continue;
      const by = wanted;
      refused.push({
        entityRef: other.entityRef,
        cluster: name,
        reason: `cluster ${name} belongs to ${by}${
          entry && !holder ? ' (app-config)' : ''
        }; one entity per cluster`,
      });
    }
    if (!holder) continue;
    if (!entry && !holder.host) {
      refused.push({
        entityRef: holder.entityRef,
        cluster: name,
        reason: `annotation ${PROMETHEUS_HOST_ANNOTATION} is missing: the leaf host is needed to check the cluster`,
      });
      continue;
    }
    holders.set(name, holder.entityRef);
    fromCatalog.set(name, holder);
  }
  const clusters = config.map(c => {
    const entity = fromCatalog.get(c.name);
    return entity ? merged(c, entity) : c;
  });
  for (const [name, entity] of [...fromCatalog].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (!configured.has(name)) clusters.push(fromEntity(entity, entity.host!));
  }
  return { clusters, refused, holders };
}
