import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useEffect, useState } from 'react';
import { formatAge } from '../../format';
import { RefreshNotice } from './useFederationOverview';

function noticeText(notice: RefreshNotice): string {
  const ago = `Refreshed ${formatAge(notice.refreshedSecondsAgo)} ago`;
  if (!notice.limited)
    return `${ago}, too recently to collect again: this is the newest snapshot.`;
  return notice.retryAfterSeconds === undefined
    ? `${ago}; too many refreshes, try again later.`
    : `${ago}; try again in ${formatAge(notice.retryAfterSeconds)}.`;
}

/**
 * "Refresh now" (POST /refresh). The backend answers its current snapshot while that is younger
 * than a minimum age, and 429 with Retry-After beyond a per-user budget: the button says so, and
 * waits out the Retry-After rather than letting the user hit the limit again.
 */
export function RefreshButton(props: {
  refreshing: boolean;
  notice?: RefreshNotice;
  onRefresh: () => void;
}) {
  const { refreshing, notice, onRefresh } = props;
  // The notice whose Retry-After has passed: it goes, and the button comes back.
  const [expired, setExpired] = useState<RefreshNotice>();
  useEffect(() => {
    if (!notice?.limited || !notice.retryAfterSeconds) return undefined;
    const timer = setTimeout(
      () => setExpired(notice),
      notice.retryAfterSeconds * 1000,
    );
    return () => clearTimeout(timer);
  }, [notice]);
  const shown = notice && notice !== expired ? notice : undefined;
  const waiting = !!shown?.limited && !!shown.retryAfterSeconds;

  return (
    <Box display="flex" alignItems="center" gridGap={12} flexWrap="wrap">
      {shown && (
        <Typography
          variant="body2"
          color="textSecondary"
          role="status"
          data-testid="refresh-notice"
        >
          {noticeText(shown)}
        </Typography>
      )}
      <Button
        variant="outlined"
        startIcon={<RefreshIcon />}
        onClick={onRefresh}
        disabled={refreshing || waiting}
        data-testid="refresh-now"
      >
        {refreshing ? 'Refreshing…' : 'Refresh now'}
      </Button>
    </Box>
  );
}
