export { FederationPage } from './FederationPage';
