export { EntityApplicationMetricsCard } from './EntityApplicationMetricsCard';
