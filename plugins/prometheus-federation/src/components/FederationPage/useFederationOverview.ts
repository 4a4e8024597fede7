import { useApi } from '@backstage/core-plugin-api';
import { FederationOverview } from '@internal/plugin-prometheus-federation-common';
import { useCallback, useState } from 'react';
import { prometheusFederationApiRef } from '../../api';
import { usePolling } from '../usePolling';

export type FederationOverviewState = {
  /** The last overview that arrived; kept when a later poll fails. */
  overview?: FederationOverview;
  receivedAt?: Date;
  /** The error of the latest poll, cleared by the next success. */
  error?: Error;
  loading: boolean;
  refreshing: boolean;
  /** The error of the latest "Refresh now", e.g. 403 without the refresh permission. */
  refreshError?: Error;
  refreshNow: () => Promise<void>;
};

/** GET /clusters, polled at the backend's own refresh interval; POST /refresh on demand. */
export function useFederationOverview(): FederationOverviewState {
  const api = useApi(prometheusFederationApiRef);
  const [intervalSeconds, setIntervalSeconds] = useState(60);
  const load = useCallback(async () => {
    const overview = await api.getOverview();
    setIntervalSeconds(overview.refreshIntervalSeconds);
    return overview;
  }, [api]);
  const { value, receivedAt, error, loading, accept } = usePolling(
    load,
    intervalSeconds,
  );
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<Error>();

  const refreshNow = useCallback(async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      accept(await api.refresh());
    } catch (e) {
      setRefreshError(e as Error);
    } finally {
      setRefreshing(false);
    }
  }, [api, accept]);

  return {
    overview: value,
    receivedAt,
    error,
    loading,
    refreshing,
    refreshError,
    refreshNow,
  };
}
