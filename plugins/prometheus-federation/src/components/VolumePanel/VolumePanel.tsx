import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ClusterCost } from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { prometheusFederationApiRef } from '../../api';
import { formatBytes, formatNumber, formatSeconds } from '../../format';
import { describeError } from '../describeError';
import { LineChart } from './LineChart';
import { ProposalPanel } from './ProposalPanel';
import { TimeoutForecast } from './TimeoutForecast';
import { TopNames } from './TopNames';

/** The anchor of the panel on the cluster view: the match-all warning links here. */
export const VOLUME_ANCHOR = 'federation-volume';

function Figure(props: { label: string; value: string; testId: string }) {
  return (
    <Box minWidth={140} data-testid={props.testId}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="h6" component="div">
        {props.value}
      </Typography>
    </Box>
  );
}

/**
 * What the cluster federates and what it costs: read once per visit, not polled, because the
 * backend counts every federated series by name to answer.
 */
export function VolumePanel(props: { name: string; now?: Date }) {
  const api = useApi(prometheusFederationApiRef);
  const theme = useTheme();
  const [state, setState] = useState<{ cost?: ClusterCost; error?: Error }>({});
  useEffect(() => {
    let live = true;
    setState({});
    api.getClusterCost(props.name).then(
      cost => live && setState({ cost }),
      error => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [api, props.name]);

  const { cost, error } = state;
  // Reached from a warning's link: the panel loads after the page, so scroll once it has.
  const { hash } = useLocation();
  useEffect(() => {
    if (cost && hash === `#${VOLUME_ANCHOR}`)
      document.getElementById(VOLUME_ANCHOR)?.scrollIntoView?.();
  }, [cost, hash]);
  const volume = cost?.volume;
  const history = cost?.history ?? [];
  return (
    <div id={VOLUME_ANCHOR} data-testid="volume-panel">
      <InfoCard
        title="Federation volume"
        subheader="What ops Prometheus federates from this cluster, and what rules and dashboards use"
      >
        {error && (
          <Alert severity="warning">
            {describeError(error, `the federation cost of ${props.name}`)}
          </Alert>
        )}
        {!cost && !error && <Progress />}
        {cost && (
          <Grid container spacing={3}>
            {volume && (
              <Grid item xs={12}>
                <Box display="flex" flexWrap="wrap" gridGap={24} mb={2}>
                  <Figure
                    label="Federated series"
                    value={`${formatNumber(volume.series)} in ${formatNumber(
                      volume.names,
                    )} names`}
                    testId="volume-series"
                  />
                  <Figure
                    label="Samples per scrape"
                    value={formatNumber(volume.samplesPerScrape)}
                    testId="volume-samples"
                  />
                  <Figure
                    label="Bytes per scrape"
                    value={formatBytes(volume.bodyBytes)}
                    testId="volume-bytes"
                  />
                  <Figure
                    label="Duration / timeout"
                    value={`${formatSeconds(
                      volume.durationSeconds,
                    )} / ${formatSeconds(volume.timeoutSeconds)}`}
                    testId="volume-duration"
                  />
                </Box>
                <TimeoutForecast {...volume} now={props.now ?? new Date()} />
              </Grid>
            )}
            {history.length <= 1 && (
              <Grid item xs={12}>
                <Typography variant="body2" data-testid="chart-pending">
                  The charts appear once ops Prometheus holds a minute of this
                  job's scrapes.
                </Typography>
              </Grid>
            )}
            {history.length > 1 && (
              <>
                <Grid item xs={12} md={6}>
                  <LineChart
                    title="Scrape duration and timeout, last 6 h"
                    testId="chart-duration"
                    points={history}
                    format={formatSeconds}
                    lines={[
                      {
                        key: 'durationSeconds',
                        label: 'duration',
                        color: theme.palette.primary.main,
                      },
                      {
                        key: 'timeoutSeconds',
                        label: 'timeout',
                        color: theme.palette.error.main,
                        dashed: true,
                      },
                    ]}
                  />
                </Grid>
                <Grid item xs={12} md={6}>
                  <LineChart
                    title="Federated series (samples per scrape), last 6 h"
                    testId="chart-series"
                    points={history}
                    format={v => formatNumber(Math.round(v))}
                    lines={[
                      {
                        key: 'series',
                        label: 'series',
                        color: theme.palette.secondary.main,
                      },
                    ]}
                  />
                </Grid>
              </>
            )}
            {volume && volume.top.length > 0 && (
              <Grid item xs={12} md={6}>
                <TopNames top={volume.top} />
              </Grid>
            )}
            <Grid item xs={12} md={volume ? 6 : 12}>
              {cost.proposal ? (
                <ProposalPanel
                  proposal={cost.proposal}
                  unparsable={cost.usage?.unparsable ?? []}
                  invalidRegexes={cost.usage?.invalidRegexes ?? []}
                />
              ) : (
                <Typography variant="body2">No narrowing proposal.</Typography>
              )}
            </Grid>
            {cost.notes.length > 0 && (
              <Grid item xs={12}>
                <Typography variant="caption" color="textSecondary">
                  {cost.notes.join(' · ')}
                </Typography>
              </Grid>
            )}
          </Grid>
        )}
      </InfoCard>
    </div>
  );
}
