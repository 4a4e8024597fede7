export { EntityFederationCard } from './EntityFederationCard';
