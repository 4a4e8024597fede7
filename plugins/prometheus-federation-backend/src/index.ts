/**
 * Backend plugin that collects and triages the health of multi-cluster Prometheus federation.
 *
 * @packageDocumentation
 */
export { prometheusFederationPlugin as default } from './plugin';
export { FederationConfigError } from './config/FederationConfigError';
export type {
  ClusterOptions,
  DashboardOptions,
  FederationOptions,
  KubernetesAccess,
  OpsSource,
} from './config/options';
