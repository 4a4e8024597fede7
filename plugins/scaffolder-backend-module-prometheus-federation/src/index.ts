/**
 * The `prometheus-federation:cluster:add` scaffolder action.
 *
 * @packageDocumentation
 */
export { scaffolderModulePrometheusFederation as default } from './module';
export { createAddClusterAction, ACTION_ID } from './actions/addCluster';
