import {
  CHECK_TITLES,
  ClusterStatus,
} from '@promfed/plugin-prometheus-federation-common';
import Typography from '@material-ui/core/Typography';
import { formatClock } from '../../format';
import { stateText } from '../StatusLabel';

/** "Down since 14:02" and the recent transitions, newest first. */
export function ClusterHistory(props: { cluster: ClusterStatus; now?: Date }) {
  const { cluster, now } = props;
  const transitions = [...cluster.history]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 10);
  return (
    <div data-testid="cluster-history">
      {cluster.stateSince && (
        <Typography variant="body1" data-testid="state-since">
          {stateText(cluster.state)} since{' '}
          {formatClock(cluster.stateSince, now)}
        </Typography>
      )}
      {transitions.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No state change recorded yet.
        </Typography>
      ) : (
        // Summaries carry URLs and error texts: let them wrap inside the card.
        <ul
          aria-label="Recent state transitions"
          style={{ overflowWrap: 'anywhere', paddingLeft: 20 }}
        >
          {transitions.map(t => (
            <li key={`${t.at}-${t.to}`}>
              <time dateTime={t.at}>{formatClock(t.at, now)}</time>{' '}
              {t.from ? `${stateText(t.from)} → ` : ''}
              {stateText(t.to)}
              {t.headline ? ` (${CHECK_TITLES[t.headline] ?? t.headline})` : ''}
              {t.summary ? `: ${t.summary}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
