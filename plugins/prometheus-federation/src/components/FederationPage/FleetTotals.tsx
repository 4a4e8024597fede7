import { ClusterSummary } from '@promfed/plugin-prometheus-federation-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { formatNumber } from '../../format';

/**
 * What the whole fleet federates, from the snapshot the page already has: a federate scrape
 * returns one sample per series, so samples per scrape are the federated series.
 */
export function FleetTotals(props: { clusters: ClusterSummary[] }) {
  const totals = useMemo(() => {
    let samples = 0;
    let added = 0;
    let measured = 0;
    for (const c of props.clusters) {
      if (c.target?.samplesScraped === undefined) continue;
      measured++;
      samples += c.target.samplesScraped;
      added += c.target.seriesAdded ?? 0;
    }
    return { samples, added, measured };
  }, [props.clusters]);
  if (totals.measured === 0) return null;
  return (
    <Typography variant="body2" data-testid="fleet-totals">
      Fleet: <strong>{formatNumber(totals.samples)}</strong> federated series
      (samples per scrape) across {formatNumber(totals.measured)} of{' '}
      {formatNumber(props.clusters.length)} clusters ·{' '}
      {formatNumber(totals.added)} new series in the last scrapes
    </Typography>
  );
}
