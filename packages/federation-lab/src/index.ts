/**
 * The local federation lab: real Prometheus (ops + leaves) with loopback Kubernetes, EC2 and DNS
 * endpoints. Lab infrastructure for development and tests only; no plugin depends on it.
 *
 * @packageDocumentation
 */
export type { LabFault, LabState, ActiveFault } from './state';
export { LAB_FAULTS } from './state';
export type { LabOptionsInput as LabOptions, LabPorts } from './options';
export type { Lab } from './lab';
export {
  startLab,
  stopLab,
  attachLab,
  writeBackendConfig,
  labPorts,
} from './lab';
export type { LabBackendConfig } from './backendConfig';
export { labDiscovery } from './backendConfig';
export { dropFederateJob } from './prometheus/dropFederateJob';
export type { Fleet } from './fleet/startFleet';
export { startFleet, stopFleet } from './fleet/startFleet';
export type { FleetOptionsInput } from './fleet/options';
export type { FleetFault } from './fleet/faults';
export { FLEET_FAULTS } from './fleet/faults';
export type { FakePullRequest } from './github/loopbackGitHub';
export { LoopbackGitHub } from './github/loopbackGitHub';
export { readFileTree } from './github/fileTree';
export { reviewEksToken } from './kubernetes/eksTokenReview';
export { nodeSecurityGroupId, LAB_REGION } from './ec2/world';
export { writeFleetEntities } from './fleet/fleetEntities';
export type { DatabasesClosedAfterStop } from './testBackend/databasesClosedAfterStop';
export {
  databasesClosedAfterStop,
  SCAFFOLDER_TEST_CONFIG,
} from './testBackend/databasesClosedAfterStop';
