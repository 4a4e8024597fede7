export {
  ClusterStateLabel,
  CheckResultLabel,
  stateText,
  resultText,
} from './StatusLabel';
