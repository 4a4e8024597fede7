import Alert from '@material-ui/lab/Alert';

/** Within this many days the forecast is a warning: time to narrow before the cliff. */
export const NEAR_DAYS = 14;

const DAY = 86400;

/**
 * When the scrape reaches its timeout at the current rate. At the timeout the cluster drops out of
 * every dashboard at once, so a near date is a warning, not a footnote.
 */
export function TimeoutForecast(props: {
  durationSeconds?: number;
  timeoutSeconds?: number;
  timeoutReachedAt?: number;
  now: Date;
}) {
  const { durationSeconds, timeoutSeconds, timeoutReachedAt } = props;
  if (
    durationSeconds !== undefined &&
    timeoutSeconds !== undefined &&
    durationSeconds >= timeoutSeconds
  ) {
    return (
      <Alert severity="error" data-testid="timeout-forecast">
        The scrape already takes its whole timeout: the cluster's series are
        being dropped.
      </Alert>
    );
  }
  if (timeoutReachedAt === undefined) {
    return (
      <Alert severity="info" data-testid="timeout-forecast">
        Scrape duration is not growing: no timeout date forecast.
      </Alert>
    );
  }
  const days = (timeoutReachedAt - props.now.getTime() / 1000) / DAY;
  const date = new Date(timeoutReachedAt * 1000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const near = days <= NEAR_DAYS;
  return (
    <Alert severity={near ? 'warning' : 'info'} data-testid="timeout-forecast">
      At the last hour's rate the scrape reaches its timeout on{' '}
      <strong>{date}</strong> (in {Math.max(0, Math.round(days))} days).
      {near && ' Narrow the federation before then.'}
    </Alert>
  );
}
