import {
  CLUSTER_STATES,
  ClusterState,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatAge, formatClock } from '../../format';
import { ClusterStateLabel, stateText } from '../StatusLabel';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
  },
  count: { textTransform: 'none' },
  meta: {
    marginLeft: 'auto',
    [theme.breakpoints.down('xs')]: { marginLeft: 0 },
  },
}));

export type StateFilter = ClusterState | 'all';

/**
 * The counts per state. Each count is also the state filter: pressing it shows
 * only the clusters in that state.
 */
export function OverviewSummary(props: {
  overview: FederationOverview;
  filter: StateFilter;
  onFilterChange: (filter: StateFilter) => void;
}) {
  const classes = useStyles();
  const { overview, filter, onFilterChange } = props;
  return (
    <div
      className={classes.root}
      role="group"
      aria-label="Clusters by state"
      data-testid="federation-summary"
    >
      <Button
        variant={filter === 'all' ? 'contained' : 'outlined'}
        aria-pressed={filter === 'all'}
        onClick={() => onFilterChange('all')}
        className={classes.count}
        data-testid="filter-all"
      >
        All: {overview.clusters.length}
      </Button>
      {CLUSTER_STATES.map(state => (
        <Button
          key={state}
          variant={filter === state ? 'contained' : 'outlined'}
          aria-pressed={filter === state}
          aria-label={`${stateText(state)}: ${
            overview.counts[state] ?? 0
          } clusters`}
          onClick={() => onFilterChange(filter === state ? 'all' : state)}
          className={classes.count}
          data-testid={`filter-${state}`}
        >
          <ClusterStateLabel state={state} />
          &nbsp;{overview.counts[state] ?? 0}
        </Button>
      ))}
      <Typography
        variant="body2"
        className={classes.meta}
        data-testid="snapshot-age"
      >
        Snapshot {formatAge(overview.ageSeconds)} old · last refresh{' '}
        {formatClock(overview.generatedAt)} · refreshes every{' '}
        {overview.refreshIntervalSeconds} s
      </Typography>
    </div>
  );
}
