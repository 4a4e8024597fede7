import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterDetail,
  EntityFederation,
  FederationOverview,
} from '@internal/plugin-prometheus-federation-common';
import { PrometheusFederationApi } from './PrometheusFederationApi';

const PLUGIN_ID = 'prometheus-federation';

/**
 * Talks to the backend through fetchApi, which adds the user's Backstage token:
 * every route of the backend requires credentials.
 */
export class PrometheusFederationClient implements PrometheusFederationApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getOverview(): Promise<FederationOverview> {
    return this.request('/clusters');
  }

  getCluster(name: string): Promise<ClusterDetail> {
    return this.request(`/clusters/${encodeURIComponent(name)}`);
  }

  refresh(): Promise<FederationOverview> {
    return this.request('/refresh', { method: 'POST' });
  }

  getEntityFederation(entityRef: string): Promise<EntityFederation> {
    return this.request(`/entity?entityRef=${encodeURIComponent(entityRef)}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      // Parses the backend's JSON error body (name, message, statusCode).
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
