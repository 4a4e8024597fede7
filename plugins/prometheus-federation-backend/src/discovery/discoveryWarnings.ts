import {
  ADD_CLUSTER_TEMPLATE,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';
import { Refusal } from './types';

/** A refused catalog entity: named with its reason; the backend never contacts what it names. */
export function refusalWarning(refusal: Refusal): SetupWarning {
  return {
    id: 'catalog-cluster-refused',
    entityRef: refusal.entityRef,
    message: `Catalog entity ${refusal.entityRef}${
      refusal.cluster ? ` (cluster ${refusal.cluster})` : ''
    } is not used: ${refusal.reason}. Nothing it names is contacted.`,
    remediation:
      "Fix the entity's annotations, or allow the value in prometheusFederation.discovery (allowedHosts, allowedApiServers, allowedRegions, locations).",
  };
}

/** The catalog could not be read: the clusters are the last list read, or app-config's alone. */
export function unavailableWarning(
  reason: string,
  since: string,
  lastReadAt?: string,
): SetupWarning {
  return {
    id: 'catalog-unavailable',
    message: `The catalog cannot be read since ${since} (${reason}); ${
      lastReadAt
        ? `the cluster list read at ${lastReadAt} is used`
        : 'only the clusters of app-config are checked'
    }.`,
    remediation:
      'Check the catalog backend; catalog clusters come back at the first refresh that reads it.',
  };
}

/** A federate job that no configured or catalog cluster describes, with the template that adopts it. */
export function unmanagedJobWarning(
  job: string,
  cluster: string,
): SetupWarning {
  return {
    id: 'unmanaged-federate-job',
    cluster,
    templateRef: ADD_CLUSTER_TEMPLATE,
    message: `Ops Prometheus federates ${job}, but no cluster entity in the catalog or app-config describes it.`,
    remediation: `Adopt it with the template ${ADD_CLUSTER_TEMPLATE}: it writes the cluster's catalog entity (the files already in place stay unchanged).`,
  };
}
