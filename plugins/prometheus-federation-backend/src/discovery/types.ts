import { SetupWarning } from '@promfed/plugin-prometheus-federation-common';
import { ClusterOptions } from '../config/options';

/** What one catalog entity says about its cluster, checked; fields it lacks are undefined. */
export type EntityCluster = Pick<ClusterOptions, 'name' | 'entityRef'> &
  Partial<Pick<ClusterOptions, 'host' | 'exposure' | 'aws' | 'kubernetes'>>;

/** A catalog entity the backend will not use, and why. It is never contacted. */
export interface Refusal {
  entityRef: string;
  cluster?: string;
  reason: string;
}

/** The clusters of one refresh, and what the page should know about how they were found. */
export interface ClusterList {
  clusters: ClusterOptions[];
  warnings: SetupWarning[];
}

/** Where a refresh gets its clusters: app-config alone, or merged with the catalog. */
export interface ClusterSource {
  clusters(): Promise<ClusterList>;
}
