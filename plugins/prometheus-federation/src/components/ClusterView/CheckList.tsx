import {
  CHECK_ORDER,
  Check,
} from '@promfed/plugin-prometheus-federation-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CheckResultLabel } from '../StatusLabel';
import { RemediationBlock } from './RemediationBlock';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1.5, 0),
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  evidence: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8em, max-content) 1fr',
    gap: theme.spacing(0.25, 2),
    margin: theme.spacing(1, 0, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': {
      margin: 0,
      wordBreak: 'break-word',
      fontFamily: 'monospace',
      fontSize: '0.85rem',
    },
    [theme.breakpoints.down('xs')]: { gridTemplateColumns: '1fr' },
  },
}));

/** Checks in the design document's troubleshooting order, whatever order they arrive in. */
export function orderChecks(checks: Check[]): Check[] {
  const rank = (c: Check) => {
    const i = CHECK_ORDER.indexOf(c.id);
    return i === -1 ? CHECK_ORDER.length : i;
  };
  return [...checks].sort((a, b) => rank(a) - rank(b));
}

export function CheckList(props: { checks: Check[] }) {
  const classes = useStyles();
  return (
    <ol
      className={classes.list}
      aria-label="Triage checklist"
      data-testid="triage-checklist"
    >
      {orderChecks(props.checks).map((check, index) => (
        <li
          key={check.id}
          className={classes.item}
          data-testid={`check-${check.id}`}
          data-result={check.result}
        >
          <div className={classes.heading}>
            <Typography variant="subtitle1" component="h3">
              {index + 1}. {check.title}
            </Typography>
            <CheckResultLabel result={check.result} />
          </div>
          <Typography variant="body2">{check.summary}</Typography>
          {check.reason && (
            <Typography variant="body2" color="textSecondary">
              Could not decide: {check.reason}
            </Typography>
          )}
          {check.evidence.length > 0 && (
            <dl
              className={classes.evidence}
              aria-label={`Evidence for ${check.title}`}
            >
              {check.evidence.map(e => (
                <div key={e.label} style={{ display: 'contents' }}>
                  <dt>{e.label}</dt>
                  <dd>{e.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {check.remediation && check.result !== 'pass' && (
            <RemediationBlock remediation={check.remediation} />
          )}
        </li>
      ))}
    </ol>
  );
}
