export { ClusterStateLabel, CheckResultLabel, stateText } from './StatusLabel';
