import { Entity } from '@backstage/catalog-model';
import {
  APPLICATION_ANNOTATION,
  CLUSTER_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';

/** A cluster Resource annotated with `prometheus-federation.io/cluster`. */
export function isPrometheusFederationClusterAvailable(
  entity: Entity,
): boolean {
  return Boolean(entity.metadata.annotations?.[CLUSTER_ANNOTATION]);
}

/** An application Component annotated with `prometheus-federation.io/application`. */
export function isPrometheusFederationApplicationAvailable(
  entity: Entity,
): boolean {
  return Boolean(entity.metadata.annotations?.[APPLICATION_ANNOTATION]);
}
