export { ClusterView } from './ClusterView';
export type { ClusterViewProps } from './ClusterView';
export { ClusterDetailPage } from './ClusterDetailPage';
export { SetupWarnings } from './SetupWarnings';
export { ClusterLinks } from './ClusterLinks';
export { orderChecks } from './CheckList';
