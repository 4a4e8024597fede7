import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { FederationOverview } from '@promfed/plugin-prometheus-federation-common';
import { useCallback, useRef, useState } from 'react';
import { prometheusFederationApiRef } from '../../api';
import { usePolling } from '../usePolling';
import { keepUnchanged } from './keepUnchanged';

/** Why "Refresh now" brought no new collection: the backend keeps a minimum age and a budget. */
export type RefreshNotice = {
  /** How old the snapshot on screen is. */
  refreshedSecondsAgo: number;
  /** The backend refused (429): too many refreshes. */
  limited: boolean;
  /** From the 429's Retry-After header. */
  retryAfterSeconds?: number;
};

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
  refreshNotice?: RefreshNotice;
  refreshNow: () => Promise<void>;
};

/** Seconds to wait from a 429's Retry-After (seconds or an HTTP date), if it says. */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at)
    ? undefined
    : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

const isTooManyRequests = (e: unknown): e is ResponseError =>
  (e instanceof ResponseError || (e as Error)?.name === 'ResponseError') &&
  (e as ResponseError).response?.status === 429;

/** GET /clusters, polled at the backend's own refresh interval; POST /refresh on demand. */
export function useFederationOverview(): FederationOverviewState {
  const api = useApi(prometheusFederationApiRef);
  const [intervalSeconds, setIntervalSeconds] = useState(60);
  // The last overview kept, and when it arrived: polls reuse its unchanged parts.
  const last = useRef<{ overview: FederationOverview; at: number }>();
  const remember = useCallback((next: FederationOverview) => {
    const overview = keepUnchanged(last.current?.overview, next);
    last.current = { overview, at: Date.now() };
    return overview;
  }, []);
  const load = useCallback(async () => {
    const overview = await api.getOverview();
    // While the first collection runs, poll again when its snapshot is due.
    setIntervalSeconds(
      overview.collecting
        ? Math.max(1, overview.collecting.dueInSeconds)
        : overview.refreshIntervalSeconds,
    );
    return remember(overview);
  }, [api, remember]);
  const { value, receivedAt, error, loading, accept } = usePolling(
    load,
    intervalSeconds,
  );
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<Error>();
  const [refreshNotice, setRefreshNotice] = useState<RefreshNotice>();

  const refreshNow = useCallback(async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    setRefreshNotice(undefined);
    const before = last.current;
    try {
      const answer = remember(await api.refresh());
      // The same snapshot back: younger than the backend's minimum age, so it did not collect.
      if (
        answer.generatedAt === before?.overview.generatedAt &&
        answer.clusters === before.overview.clusters
      ) {
        setRefreshNotice({
          refreshedSecondsAgo: answer.ageSeconds,
          limited: false,
        });
      }
      accept(answer);
    } catch (e) {
      if (isTooManyRequests(e)) {
        const shownFor = before ? (Date.now() - before.at) / 1000 : 0;
        setRefreshNotice({
          refreshedSecondsAgo: (before?.overview.ageSeconds ?? 0) + shownFor,
          limited: true,
          retryAfterSeconds: retryAfterSeconds(
            e.response.headers.get('retry-after'),
          ),
        });
      } else {
        setRefreshError(e as Error);
      }
    } finally {
      setRefreshing(false);
    }
  }, [api, accept, remember]);

  return {
    overview: value,
    receivedAt,
    error,
    loading,
    refreshing,
    refreshError,
    refreshNotice,
    refreshNow,
  };
}
