import { NotFoundError } from '@backstage/errors';
import {
  ClusterDetail,
  EntityFederation,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import { DEFAULT_REFRESH_INTERVAL_SECONDS } from '../config/options';
import { FederationService } from './FederationService';
import { overviewOf } from './overview';

const NOT_CONFIGURED = 'prometheusFederation is not configured';

/** Serves the plugin without `prometheusFederation`: an empty overview, and no cluster. */
export class UnconfiguredFederationService implements FederationService {
  async overview(): Promise<FederationOverview> {
    return overviewOf(
      {
        generatedAt: new Date().toISOString(),
        opsPrometheus: { reachable: false, error: NOT_CONFIGURED },
        clusters: [],
        warnings: [],
      },
      DEFAULT_REFRESH_INTERVAL_SECONDS,
    );
  }

  refresh(): Promise<FederationOverview> {
    return this.overview();
  }

  async detail(): Promise<ClusterDetail | undefined> {
    return undefined;
  }

  async entity(): Promise<EntityFederation> {
    throw new NotFoundError(NOT_CONFIGURED);
  }
}
