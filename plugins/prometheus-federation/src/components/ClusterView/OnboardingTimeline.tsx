import {
  ClusterOnboarding,
  OnboardingStep,
} from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { formatAge, formatClock } from '../../format';
import { Icon, IconName } from '../StatusLabel/icons';
import { RemediationBlock } from './RemediationBlock';

const useStyles = makeStyles(theme => ({
  steps: { listStyle: 'none', margin: 0, padding: 0 },
  step: {
    display: 'flex',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    borderLeft: `2px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(2),
    marginLeft: theme.spacing(1),
  },
  passed: { color: theme.palette.success?.main ?? '#2e7d32' },
  current: { color: theme.palette.warning?.main ?? '#ed6c02' },
  stuck: { color: theme.palette.error.main },
  pending: { color: theme.palette.text.disabled },
  title: { fontWeight: 500 },
}));

const ICON: Record<OnboardingStep['status'], IconName> = {
  passed: 'checkCircle',
  current: 'arrowRight',
  pending: 'removeCircleOutline',
};

/** What the step line says besides its title: when it passed, or how long it has taken. */
function stepWhen(step: OnboardingStep, view: ClusterOnboarding): string {
  if (step.status === 'current')
    return `current for ${formatAge(view.currentStepSeconds)}${
      step.firstPassedAt
        ? ` (first passed ${formatClock(step.firstPassedAt)})`
        : ''
    }`;
  if (step.status === 'passed')
    return step.firstPassedAt
      ? `passed ${formatClock(step.firstPassedAt)}`
      : 'passes (not tracked here)';
  return 'waiting';
}

/** One onboarding cluster as a timeline: each step, when it first passed, and a stuck warning. */
export function OnboardingTimeline(props: { onboarding: ClusterOnboarding }) {
  const classes = useStyles();
  const view = props.onboarding;
  const pr = view.pullRequest;
  if (view.phase === 'retiring')
    return (
      <Alert severity="info" data-testid="retiring">
        {view.cluster} is retiring since {formatClock(view.since)}:{' '}
        {view.federated === false
          ? 'ops Prometheus no longer federates it.'
          : 'ops Prometheus still has its federate job; it goes once the removal is merged and synced.'}
      </Alert>
    );
  return (
    <Paper variant="outlined" data-testid="onboarding-timeline">
      <Box p={2}>
        <Typography variant="h6" component="h3">
          Onboarding since {formatClock(view.since)}
        </Typography>
        {pr && (
          <Typography variant="body2" color="textSecondary">
            Pull request:{' '}
            {/* The link comes from a catalog annotation: only https is made clickable. */}
            {pr.url.startsWith('https://') ? (
              <Link href={pr.url} target="_blank" rel="noopener">
                {pr.title ?? pr.url}
              </Link>
            ) : (
              pr.url
            )}
            {pr.state ? ` (${pr.state})` : ''}
          </Typography>
        )}
        {view.stuck && view.currentStep && (
          <Box mt={2}>
            <Alert severity="warning" data-testid="onboarding-stuck">
              Stuck on “{view.steps.find(s => s.id === view.currentStep)?.title}
              ” for {formatAge(view.currentStepSeconds)} (more than{' '}
              {view.stuck.afterMinutes} min).
              <RemediationBlock remediation={view.stuck.remediation} />
            </Alert>
          </Box>
        )}
        {!view.currentStep && (
          <Box mt={2}>
            <Alert severity="success" data-testid="onboarding-done">
              Every step passes: the cluster leaves onboarding once it is
              healthy.
            </Alert>
          </Box>
        )}
        <Box component="ol" mt={2} className={classes.steps}>
          {view.steps.map(step => {
            const tone =
              step.status === 'current' && view.stuck ? 'stuck' : step.status;
            return (
              <li
                key={step.id}
                className={classes.step}
                data-testid={`onboarding-step-${step.id}`}
                data-status={step.status}
              >
                <Icon name={ICON[step.status]} className={classes[tone]} />
                <Box>
                  <Typography variant="body2" className={classes.title}>
                    {step.title}{' '}
                    <Typography
                      component="span"
                      variant="body2"
                      color="textSecondary"
                    >
                      · {stepWhen(step, view)}
                    </Typography>
                  </Typography>
                  {step.status !== 'pending' && step.summary && (
                    <Typography variant="caption" color="textSecondary">
                      {step.summary}
                    </Typography>
                  )}
                </Box>
              </li>
            );
          })}
        </Box>
      </Box>
    </Paper>
  );
}
