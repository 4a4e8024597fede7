import { InfoCard, Link, Progress } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatAge, formatNumber } from '../../format';
import { describeError } from '../describeError';
import { CheckResultLabel, ClusterStateLabel } from '../StatusLabel';
import { useEntityFederation } from '../useEntityFederation';

/** For an application Component: do its http metrics arrive from each cluster? */
export function EntityApplicationMetricsCard() {
  const { value, loading, error, entityRef } = useEntityFederation();
  let body;
  if (loading && !value) body = <Progress />;
  else if (!value || value.kind !== 'application')
    body = (
      <Alert severity="error">
        {describeError(
          error ?? new Error('not an application'),
          `the federated metrics of ${entityRef}`,
        )}
      </Alert>
    );
  else if (value.application.clusters.length === 0)
    body = (
      <Typography variant="body2">
        No federated cluster is known yet.
      </Typography>
    );
  else {
    const app = value.application;
    body = (
      <Table
        size="small"
        aria-label={`http metrics of ${app.application} per cluster`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Cluster</TableCell>
            <TableCell>Arriving</TableCell>
            <TableCell align="right">Series</TableCell>
            <TableCell>Newest sample</TableCell>
            <TableCell>Dashboard</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {app.clusters.map(c => (
            <TableRow
              key={c.cluster}
              data-testid={`application-cluster-${c.cluster}`}
            >
              <TableCell component="th" scope="row">
                {c.cluster}
                <br />
                <ClusterStateLabel state={c.clusterState} />
              </TableCell>
              <TableCell>
                <CheckResultLabel
                  result={c.arriving ? 'pass' : 'fail'}
                  text={c.arriving ? 'Yes' : 'No'}
                />
              </TableCell>
              <TableCell align="right">{formatNumber(c.httpSeries)}</TableCell>
              <TableCell>
                {c.newestSampleAgeSeconds !== undefined
                  ? `${formatAge(c.newestSampleAgeSeconds)} ago`
                  : '—'}
              </TableCell>
              <TableCell>
                {c.dashboards.map(d => (
                  <Link
                    key={d.url}
                    to={d.url}
                    aria-label={`${d.title} for ${app.application} on ${c.cluster}`}
                  >
                    {d.title}
                  </Link>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <div data-testid="entity-application-metrics-card">
      <InfoCard title="Federated http metrics">{body}</InfoCard>
    </div>
  );
}
