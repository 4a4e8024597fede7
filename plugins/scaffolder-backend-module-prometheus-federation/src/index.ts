/**
 * The `prometheus-federation:cluster:add`, `:remove` and `:narrow` scaffolder actions.
 *
 * @packageDocumentation
 */
export { scaffolderModulePrometheusFederation as default } from './module';
export { createAddClusterAction, ACTION_ID } from './actions/addCluster';
export {
  createRemoveClusterAction,
  REMOVE_ACTION_ID,
} from './actions/removeCluster';
export {
  createLinkOnboardingAction,
  LINK_ACTION_ID,
} from './actions/linkOnboarding';
export {
  createNarrowClusterAction,
  NARROW_ACTION_ID,
} from './actions/narrowCluster';
/** The editor of the narrow action, for the backend's test against the lab. */
export { narrowScrapeJob } from './editors/narrowScrapeJob';
