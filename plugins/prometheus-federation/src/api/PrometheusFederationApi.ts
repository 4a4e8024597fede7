import { createApiRef } from '@backstage/core-plugin-api';
import {
  ClusterCost,
  FederationProof,
  ClusterDetail,
  ClusterOnboarding,
  EntityFederation,
  FederationOverview,
  OnboardingOverview,
} from '@promfed/plugin-prometheus-federation-common';

/** Reads the federation snapshot served by the prometheus-federation backend. */
export interface PrometheusFederationApi {
  /** GET /clusters */
  getOverview(): Promise<FederationOverview>;
  /** GET /clusters/:name; rejects with a NotFound ResponseError for an unknown cluster. */
  getCluster(name: string): Promise<ClusterDetail>;
  /** POST /refresh; rejects with a 403 ResponseError without the refresh permission. */
  refresh(): Promise<FederationOverview>;
  /** GET /entity?entityRef=...; rejects with a 404 ResponseError when the entity is not annotated. */
  getEntityFederation(entityRef: string): Promise<EntityFederation>;
  /** GET /onboarding: clusters being onboarded or retired. */
  getOnboarding(): Promise<OnboardingOverview>;
  /** GET /clusters/:name/onboarding; undefined when the cluster is neither onboarding nor retiring. */
  getClusterOnboarding(name: string): Promise<ClusterOnboarding | undefined>;
  /** GET /clusters/:name/cost: volume, usage and the narrowing proposal, read on request. */
  getClusterCost(name: string): Promise<ClusterCost>;
  /** GET /clusters/:name/proof: after a narrowing, whether every used query still has data. */
  getClusterProof(name: string): Promise<FederationProof>;
}

export const prometheusFederationApiRef = createApiRef<PrometheusFederationApi>(
  { id: 'plugin.prometheus-federation.service' },
);
