/**
 * The `prometheus-federation:cluster:add` and `:remove` scaffolder actions.
 *
 * @packageDocumentation
 */
export { scaffolderModulePrometheusFederation as default } from './module';
export { createAddClusterAction, ACTION_ID } from './actions/addCluster';
export {
  createRemoveClusterAction,
  REMOVE_ACTION_ID,
} from './actions/removeCluster';
