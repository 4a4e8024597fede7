import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { certificateText, formatAge, formatClock } from '../../format';
import { headlineText, probeText } from '../../headline';
import { describeError } from '../describeError';
import { ClusterLinks } from '../ClusterView/ClusterLinks';
import { ClusterStateLabel, stateText } from '../StatusLabel';
import { useEntityFederation } from '../useEntityFederation';

function certificateSentence(days: number | undefined) {
  if (days === undefined) return '';
  return days < 0
    ? `; certificate ${certificateText(days)}`
    : `; certificate expires in ${days} days`;
}

/** Overview card of a cluster Resource: state, headline and the key facts. */
export function EntityFederationCard() {
  const { value, loading, error, entity, entityRef } = useEntityFederation();
  const entityRoute = useRouteRef(entityRouteRef);
  const tabLink = `${entityRoute({
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  })}/federation`;

  let body;
  if (loading && !value) body = <Progress />;
  else if (!value || value.kind !== 'cluster')
    body = (
      <Alert severity="error">
        {describeError(
          error ?? new Error('not a cluster'),
          `the federation status of ${entityRef}`,
        )}
      </Alert>
    );
  else {
    const c = value.cluster;
    const firing = c.firingAlerts.filter(a => a.state === 'firing');
    body = (
      <Box display="flex" flexDirection="column" gridGap={8}>
        <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
          <ClusterStateLabel state={c.state} />
          {c.stateSince && (
            <Typography variant="body2" color="textSecondary">
              {stateText(c.state).toLowerCase()} since{' '}
              {formatClock(c.stateSince)}
            </Typography>
          )}
        </Box>
        <Typography variant="body2" data-testid="entity-card-headline">
          {c.state === 'healthy' && !c.headline
            ? 'Every check passes.'
            : headlineText(c)}
        </Typography>
        {c.headline?.probe && (
          <Typography variant="body2" color="textSecondary">
            {probeText(c.headline.probe)}
          </Typography>
        )}
        <Typography variant="body2">
          Target {c.target?.health ?? 'missing'}
          {c.target?.lastScrapeAgeSeconds !== undefined
            ? `, scraped ${formatAge(c.target.lastScrapeAgeSeconds)} ago`
            : ''}
          ; {c.metrics?.httpSeries ?? 0} http series arriving
          {certificateSentence(c.certificateExpiresInDays)}.
        </Typography>
        <Typography variant="body2">
          Firing alerts:{' '}
          {firing.length === 0 ? 'none' : firing.map(a => a.name).join(', ')}
        </Typography>
        <ClusterLinks cluster={c.name} links={c.links} />
      </Box>
    );
  }

  return (
    <div data-testid="entity-federation-card">
      <InfoCard
        title="Prometheus federation"
        deepLink={{ link: tabLink, title: 'Open the triage chain' }}
      >
        {body}
      </InfoCard>
    </div>
  );
}
