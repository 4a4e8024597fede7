import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ClusterDetail,
  EntityFederation,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';

/** What the routes answer. Configured or not, the plugin serves one of these. */
export interface FederationService {
  /** The list view of the latest snapshot; collects first on a cold start. */
  overview(): Promise<FederationOverview>;
  /**
   * The generatedAt of the list overview() would answer, read cheaply; undefined when it cannot
   * tell (no version stored, or the store is degraded and the answer carries a warning).
   */
  listVersion?(): Promise<string | undefined>;
  /** Collects now (concurrent callers share one collection) and answers the list view. */
  refresh(): Promise<FederationOverview>;
  /** One cluster with its checks and history; undefined when no such cluster is known. */
  detail(name: string): Promise<ClusterDetail | undefined>;
  /**
   * Federation of a catalog entity: a cluster Resource or an application Component, told apart
   * by their annotations. Reads the catalog with the caller's credentials.
   */
  entity(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ): Promise<EntityFederation>;
}
