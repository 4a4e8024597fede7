export { prometheusFederationApiRef } from './PrometheusFederationApi';
export type { PrometheusFederationApi } from './PrometheusFederationApi';
export { PrometheusFederationClient } from './PrometheusFederationClient';
