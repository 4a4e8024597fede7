export { FederationEmptyState, ADD_CLUSTER_TEMPLATE_PATH } from './EmptyState';
