export { EntityFederationContent } from './EntityFederationContent';
