/**
 * Backend plugin that collects and triages the health of multi-cluster Prometheus federation.
 *
 * @packageDocumentation
 */
export { prometheusFederationPlugin as default } from './plugin';
export { readFederationConfig } from './config/readFederationConfig';
export { FederationConfigError } from './config/FederationConfigError';
export type { FederationOptions, ClusterOptions } from './config/options';
export { createRouter } from './router/createRouter';
export type { RouterOptions } from './router/createRouter';
export { FactsCollector } from './collectors/collectFacts';
export { RequestCounter } from './collectors/requestCounter';
export { triageFederation } from './triage/triageFederation';
export type { FederationSnapshot } from './triage/triageFederation';
