/**
 * Federation status page, cluster triage and catalog entity views (legacy frontend system).
 * The new frontend system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  prometheusFederationPlugin,
  PrometheusFederationPage,
  EntityPrometheusFederationContent,
  EntityPrometheusFederationCard,
  EntityPrometheusFederationApplicationCard,
} from './plugin';
export {
  isPrometheusFederationClusterAvailable,
  isPrometheusFederationApplicationAvailable,
} from './conditions';
export { prometheusFederationApiRef, PrometheusFederationClient } from './api';
export type { PrometheusFederationApi } from './api';
export { rootRouteRef, clusterRouteRef } from './routes';
export { ClusterView } from './components/ClusterView';
export { FederationPage } from './components/FederationPage';
