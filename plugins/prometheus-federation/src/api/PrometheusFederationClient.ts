import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterCost,
  FederationProof,
  ClusterDetail,
  ClusterOnboarding,
  EntityFederation,
  FederationOverview,
  OnboardingOverview,
} from '@promfed/plugin-prometheus-federation-common';
import { PrometheusFederationApi } from './PrometheusFederationApi';

const PLUGIN_ID = 'prometheus-federation';
/** The list route's header with the snapshot's age in seconds (backend router/listBody.ts). */
const AGE_HEADER = 'x-snapshot-age-seconds';

/**
 * The snapshot's age: the backend sends it in a header (the list body has no age, so that it changes
 * only with the snapshot). A body that still carries `ageSeconds` (an older backend) is believed
 * next; the age is computed from generatedAt only when neither is there.
 */
function ageOf(
  response: Response,
  overview: { generatedAt: string; ageSeconds?: number },
): number {
  const header = Number(response.headers.get(AGE_HEADER) ?? NaN);
  if (Number.isFinite(header)) return header;
  if (typeof overview.ageSeconds === 'number') return overview.ageSeconds;
  const ms = Date.now() - Date.parse(overview.generatedAt);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : 0;
}

/**
 * Talks to the backend through fetchApi, which adds the user's Backstage token:
 * every route of the backend requires credentials.
 */
export class PrometheusFederationClient implements PrometheusFederationApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  /** The last list and its ETag, kept for 304 answers. */
  private lastOverview?: { etag: string; overview: FederationOverview };

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getOverview(): Promise<FederationOverview> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const last = this.lastOverview;
    // A poll names what it has: the backend answers 304 while the snapshot is the same.
    // no-store: the browser's own cache would hide the 304 and keep a second copy.
    const response = await this.fetchApi.fetch(`${baseUrl}/clusters`, {
      cache: 'no-store',
      headers: last ? { 'if-none-match': last.etag } : {},
    });
    if (response.status === 304 && last) {
      const { ageSeconds: _previous, ...previous } = last.overview;
      return { ...last.overview, ageSeconds: ageOf(response, previous) };
    }
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as Omit<
      FederationOverview,
      'ageSeconds'
    > & { ageSeconds?: number };
    const overview = { ...body, ageSeconds: ageOf(response, body) };
    const etag = response.headers.get('etag');
    this.lastOverview = etag ? { etag, overview } : undefined;
    return overview;
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

  getOnboarding(): Promise<OnboardingOverview> {
    return this.request('/onboarding');
  }

  async getClusterOnboarding(
    name: string,
  ): Promise<ClusterOnboarding | undefined> {
    try {
      return await this.request(
        `/clusters/${encodeURIComponent(name)}/onboarding`,
      );
    } catch (error) {
      // 404: the cluster is neither onboarding nor retiring, the usual case.
      if (error instanceof ResponseError && error.response.status === 404)
        return undefined;
      throw error;
    }
  }

  getClusterCost(name: string): Promise<ClusterCost> {
    return this.request(`/clusters/${encodeURIComponent(name)}/cost`);
  }

  getClusterProof(name: string): Promise<FederationProof> {
    return this.request(`/clusters/${encodeURIComponent(name)}/proof`);
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
