export { FederationPage } from './FederationPage';
export { MIN_POLL_INTERVAL_SECONDS } from '../usePolling';
