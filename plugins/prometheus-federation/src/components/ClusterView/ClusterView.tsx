import { InfoCard } from '@backstage/core-components';
import {
  CHECK_TITLES,
  ClusterStatus,
} from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { ReactNode } from 'react';
import {
  formatAge,
  formatClock,
  formatNumber,
  formatSeconds,
} from '../../format';
import { probeText } from '../../headline';
import { ClusterStateLabel, stateText } from '../StatusLabel';
import { CheckList } from './CheckList';
import { ClusterHistory } from './ClusterHistory';
import { ClusterLinks } from './ClusterLinks';
import { RemediationBlock } from './RemediationBlock';
import { SetupWarnings } from './SetupWarnings';

export type ClusterViewProps = {
  cluster: ClusterStatus;
  /** The onboarding timeline, shown under the name and the headline it belongs to. */
  onboarding?: ReactNode;
  /** Fixed clock for tests; the viewer's clock otherwise. */
  now?: Date;
};

/** One cluster's triage: the headline, the chain as a checklist, set-up warnings and history. */
export function ClusterView(props: ClusterViewProps) {
  const { cluster, now } = props;
  const target = cluster.target;
  const firing = cluster.firingAlerts;
  return (
    <Grid container spacing={3} data-testid="cluster-view">
      <Grid item xs={12}>
        <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
          <Typography variant="h4" component="h2">
            {cluster.name}
          </Typography>
          <ClusterStateLabel state={cluster.state} />
          {cluster.stateSince && (
            <Typography variant="body1">
              {stateText(cluster.state).toLowerCase()} since{' '}
              {formatClock(cluster.stateSince, now)}
            </Typography>
          )}
        </Box>
        {cluster.headline && (
          <Alert
            severity={cluster.state === 'down' ? 'error' : 'warning'}
            data-testid="cluster-headline"
            style={{ marginTop: 8 }}
          >
            <strong>{CHECK_TITLES[cluster.headline.check]}:</strong>{' '}
            {cluster.headline.summary}
            {/* The alert's own text colour: grey on its tint falls below 4.5:1. */}
            {cluster.headline.probe && (
              <Typography
                variant="body2"
                color="inherit"
                data-testid="headline-probe"
              >
                {probeText(cluster.headline.probe)}
              </Typography>
            )}
            {/* Not federated: the remediation that adds the job is the answer itself. */}
            {cluster.federated === false && cluster.remediation && (
              <RemediationBlock remediation={cluster.remediation} />
            )}
          </Alert>
        )}
        {cluster.federated === false && !cluster.headline && (
          <Alert severity="info" style={{ marginTop: 8 }}>
            Ops Prometheus has no federate job for {cluster.name}.
          </Alert>
        )}
        {props.onboarding}
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          title="Triage chain"
          subheader="In the order of the federation troubleshooting guide"
        >
          <CheckList checks={cluster.checks} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <Box display="flex" flexDirection="column" gridGap={24}>
          <InfoCard title="Ops Prometheus target">
            {target ? (
              <dl style={{ margin: 0 }} data-testid="target-facts">
                <Fact label="Job" value={target.job} />
                <Fact label="Health" value={target.health} />
                <Fact
                  label="Last scrape"
                  value={`${formatAge(target.lastScrapeAgeSeconds)} ago`}
                />
                <Fact
                  label="Duration / timeout"
                  value={`${formatSeconds(
                    target.scrapeDurationSeconds,
                  )} / ${formatSeconds(target.scrapeTimeoutSeconds)}`}
                />
                <Fact
                  label="Samples"
                  value={formatNumber(target.samplesScraped)}
                />
                <Fact
                  label="http series"
                  value={formatNumber(cluster.metrics?.httpSeries)}
                />
                {target.lastError && (
                  <Fact label="lastError" value={target.lastError} mono />
                )}
              </dl>
            ) : (
              <Typography variant="body2">
                {cluster.federated === undefined
                  ? 'Unknown: ops Prometheus could not be read.'
                  : 'No federate target in ops Prometheus.'}
              </Typography>
            )}
          </InfoCard>
          <InfoCard title="Federation alerts">
            {firing.length === 0 ? (
              <Typography variant="body2">
                No federation alert is firing.
              </Typography>
            ) : (
              <ul
                aria-label="Firing federation alerts"
                style={{ margin: 0, paddingLeft: 20 }}
              >
                {firing.map(a => (
                  <li key={`${a.name}-${a.activeAt}`}>
                    <strong>{a.name}</strong> ({a.state}
                    {a.activeAt ? ` since ${formatClock(a.activeAt, now)}` : ''}
                    ){a.summary ? `: ${a.summary}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </InfoCard>
          <InfoCard title="Links">
            <ClusterLinks cluster={cluster.name} links={cluster.links} />
          </InfoCard>
          <InfoCard title="History">
            <ClusterHistory cluster={cluster} now={now} />
          </InfoCard>
        </Box>
      </Grid>
      {cluster.warnings.length > 0 && (
        <Grid item xs={12}>
          <SetupWarnings warnings={cluster.warnings} onClusterView />
        </Grid>
      )}
    </Grid>
  );
}

function Fact(props: { label: string; value: string; mono?: boolean }) {
  return (
    <Box mb={1}>
      <Typography component="dt" variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        style={{
          margin: 0,
          wordBreak: 'break-word',
          fontFamily: props.mono ? 'monospace' : undefined,
        }}
      >
        {props.value}
      </Typography>
    </Box>
  );
}
