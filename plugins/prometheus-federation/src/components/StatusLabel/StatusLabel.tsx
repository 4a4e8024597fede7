import {
  CheckResult,
  ClusterState,
} from '@promfed/plugin-prometheus-federation-common';
import { makeStyles } from '@material-ui/core/styles';
import { Icon, IconName } from './icons';

type Tone = 'ok' | 'warn' | 'error' | 'neutral';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  ok: { color: theme.palette.success?.main ?? '#2e7d32' },
  warn: { color: theme.palette.warning?.main ?? '#ed6c02' },
  error: { color: theme.palette.error.main },
  neutral: { color: theme.palette.text.secondary },
}));

/** Icon and text together: colour is never the only signal. */
function Label(props: {
  icon: IconName;
  tone: Tone;
  text: string;
  testId?: string;
}) {
  const classes = useStyles();
  return (
    <span className={classes.root} data-testid={props.testId}>
      <Icon name={props.icon} className={classes[props.tone]} />
      <span>{props.text}</span>
    </span>
  );
}

const STATE: Record<
  ClusterState,
  { icon: IconName; tone: Tone; text: string }
> = {
  healthy: { icon: 'checkCircle', tone: 'ok', text: 'Healthy' },
  degraded: { icon: 'warning', tone: 'warn', text: 'Degraded' },
  down: { icon: 'error', tone: 'error', text: 'Down' },
  unknown: { icon: 'helpOutline', tone: 'neutral', text: 'Unknown' },
};

const RESULT: Record<
  CheckResult,
  { icon: IconName; tone: Tone; text: string }
> = {
  pass: { icon: 'checkCircle', tone: 'ok', text: 'Pass' },
  warn: { icon: 'warning', tone: 'warn', text: 'Warning' },
  fail: { icon: 'error', tone: 'error', text: 'Fail' },
  unknown: { icon: 'helpOutline', tone: 'neutral', text: 'Unknown' },
  'not-configured': {
    icon: 'removeCircleOutline',
    tone: 'neutral',
    text: 'Not configured',
  },
};

export function stateText(state: ClusterState): string {
  return STATE[state].text;
}

export function ClusterStateLabel(props: { state: ClusterState }) {
  const s = STATE[props.state] ?? STATE.unknown;
  return <Label {...s} testId={`cluster-state-${props.state}`} />;
}

export function CheckResultLabel(props: {
  result: CheckResult;
  text?: string;
}) {
  const r = RESULT[props.result] ?? RESULT.unknown;
  return (
    <Label
      {...r}
      text={props.text ?? r.text}
      testId={`check-result-${props.result}`}
    />
  );
}
