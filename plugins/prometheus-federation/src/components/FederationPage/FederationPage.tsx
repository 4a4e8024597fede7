import { Progress } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useMemo, useState } from 'react';
import { formatAge, formatClock } from '../../format';
import { rowHeadlineText } from '../../headline';
import { describeError } from '../describeError';
import { isStale } from '../isStale';
import { MIN_POLL_INTERVAL_SECONDS } from '../usePolling';
import { FederationEmptyState } from '../EmptyState';
import { ClusterTable, Paging } from './ClusterTable';
import { FleetTotals } from './FleetTotals';
import { FirstCollectionNotice } from './FirstCollectionNotice';
import { FleetWarnings } from './FleetWarnings';
import { OverviewSummary, StateFilter } from './OverviewSummary';
import { RefreshButton } from './RefreshButton';
import { SharedCauses } from './SharedCauses';
import { SortOrder } from './sortClusters';
import { useFederationOverview } from './useFederationOverview';
import { OnboardingSection } from './OnboardingSection';
import { useOnboardingOverview } from './useOnboardingOverview';
import { withoutClusters } from './withoutClusters';

/** Relative to the status page, so it works wherever the page is mounted. */
const clusterHref = (name: string) => `clusters/${encodeURIComponent(name)}`;

/** The status page: a summary per state and one row per federated cluster. */
export function FederationPage() {
  const {
    overview,
    receivedAt,
    error,
    loading,
    refreshing,
    refreshError,
    refreshNotice,
    refreshNow,
  } = useFederationOverview();
  // View state lives here, above the polled data, so that a poll never resets it.
  const [filter, setFilter] = useState<StateFilter>('all');
  const [search, setSearch] = useState('');
  // Worst state first, then by name: what needs attention heads the first page.
  const [order, setOrder] = useState<SortOrder>({
    key: 'state',
    direction: 'asc',
  });
  // 25 rows: a screen holds fewer, and each row costs first render (50 measured 1.4-1.5x the
  // empty page in bench/run.ts, 25 about 1.35x); 50 and 100 are a click away.
  const [paging, setPaging] = useState<Paging>({ page: 0, rowsPerPage: 25 });
  // A new filter, search or order starts again from the first page.
  const firstPage = () => setPaging(p => ({ ...p, page: 0 }));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (name: string) =>
      setExpanded(prev => {
        const next = new Set(prev);
        if (!next.delete(name)) next.add(name);
        return next;
      }),
    [],
  );

  // Onboarding and retiring clusters are listed apart, not among the broken ones.
  const onboarding = useOnboardingOverview(
    overview?.refreshIntervalSeconds ?? 60,
  );
  const apart = useMemo(
    () => new Set(onboarding?.clusters.map(c => c.cluster)),
    [onboarding],
  );
  // Keyed on the cluster list, not the overview: a poll that only ages the snapshot changes nothing.
  const clusters = overview?.clusters;
  const visible = useMemo(() => {
    const term = search.trim().toLowerCase();
    return (clusters ?? []).filter(
      c =>
        !apart.has(c.name) &&
        (filter === 'all' || c.state === filter) &&
        (!term ||
          c.name.toLowerCase().includes(term) ||
          rowHeadlineText(c).toLowerCase().includes(term)),
    );
  }, [clusters, filter, search, apart]);

  if (loading && !overview) return <Progress />;
  if (!overview) {
    const forbidden =
      error instanceof ResponseError && error.response.status === 403;
    return (
      <Alert
        severity="error"
        data-testid={forbidden ? 'federation-forbidden' : 'federation-error'}
      >
        {describeError(error ?? new Error('no data'), 'the federation status')}
      </Alert>
    );
  }

  // A backend that has just started, with no snapshot or stored copy yet: nothing to list.
  if (overview.collecting)
    return <FirstCollectionNotice collecting={overview.collecting} />;

  const stale = isStale(overview);
  const listed = withoutClusters(overview, apart);
  const refreshForbidden =
    refreshError instanceof ResponseError &&
    refreshError.response.status === 403;

  return (
    <Box
      display="flex"
      flexDirection="column"
      gridGap={16}
      data-testid="federation-page"
    >
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
        <Typography variant="h5" component="h2" style={{ flex: 1 }}>
          Federated clusters
        </Typography>
        <RefreshButton
          refreshing={refreshing}
          notice={refreshNotice}
          onRefresh={refreshNow}
        />
      </Box>

      {error && (
        <Alert severity="error" data-testid="backend-unreachable-banner">
          {describeError(error, 'federation status')} Showing the data received
          at{' '}
          {receivedAt ? formatClock(receivedAt.toISOString()) : 'the last poll'}
          ; retrying every{' '}
          {Math.max(MIN_POLL_INTERVAL_SECONDS, overview.refreshIntervalSeconds)}{' '}
          s.
        </Alert>
      )}
      {stale && (
        <Alert severity="warning" data-testid="stale-banner">
          The data is stale: the snapshot is {formatAge(overview.ageSeconds)}{' '}
          old, though the backend refreshes every{' '}
          {overview.refreshIntervalSeconds} s. Its collectors may be stuck.
        </Alert>
      )}
      {!overview.opsPrometheus.reachable && (
        <Alert severity="error" data-testid="ops-prometheus-unreachable">
          Ops Prometheus cannot be read
          {overview.opsPrometheus.error
            ? `: ${overview.opsPrometheus.error}`
            : ''}
          . Every cluster is unknown until it answers: the problem is ops
          Prometheus, not the clusters.
        </Alert>
      )}
      {refreshError && (
        <Alert
          severity={refreshForbidden ? 'info' : 'error'}
          data-testid="refresh-error"
        >
          {refreshForbidden
            ? 'You are not allowed to trigger a refresh (403): ask for the prometheus-federation refresh permission. The page still updates on its own.'
            : describeError(refreshError, 'a fresh snapshot')}
        </Alert>
      )}

      {/* The shared causes first: on-call needs to know whether it is them or us. */}
      <SharedCauses
        causes={overview.sharedCauses ?? []}
        clusterHref={clusterHref}
      />
      <OnboardingSection onboarding={onboarding} clusterHref={clusterHref} />
      {overview.clusters.length === 0 ? (
        <FederationEmptyState />
      ) : (
        <>
          <OverviewSummary
            overview={listed}
            filter={filter}
            onFilterChange={f => {
              setFilter(f);
              firstPage();
            }}
          />
          {/* The totals count what the state counts count: onboarding clusters are apart. */}
          <FleetTotals clusters={listed.clusters} />
          <TextField
            id="cluster-search"
            label="Find a cluster"
            helperText="By name or headline"
            value={search}
            onChange={e => {
              setSearch(e.target.value);
              firstPage();
            }}
            size="small"
            variant="outlined"
            style={{ maxWidth: 320 }}
            inputProps={{ 'data-testid': 'cluster-search' }}
            // The theme's secondary text on the page's grey falls short of WCAG AA contrast.
            InputLabelProps={{ style: { color: 'inherit' } }}
            FormHelperTextProps={{ style: { color: 'inherit' } }}
          />
          {visible.length === 0 ? (
            <Typography variant="body2" data-testid="no-matching-clusters">
              No cluster matches the filter.
            </Typography>
          ) : (
            <ClusterTable
              clusters={visible}
              order={order}
              onOrderChange={o => {
                setOrder(o);
                firstPage();
              }}
              paging={paging}
              onPagingChange={setPaging}
              expanded={expanded}
              onToggle={toggle}
              clusterHref={clusterHref}
            />
          )}
        </>
      )}
      <FleetWarnings warnings={overview.warnings} />
    </Box>
  );
}
