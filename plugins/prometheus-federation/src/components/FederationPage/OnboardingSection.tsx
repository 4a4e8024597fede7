import {
  ClusterOnboarding,
  OnboardingOverview,
} from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { formatAge } from '../../format';
import { Icon } from '../StatusLabel/icons';

/** What the row says: the step it waits on and for how long, or that it is retiring. */
function progressText(c: ClusterOnboarding): string {
  if (c.phase === 'retiring')
    return c.federated === false
      ? 'Retiring: ops Prometheus no longer federates it'
      : 'Retiring: ops Prometheus still has its federate job';
  const index = c.steps.findIndex(s => s.id === c.currentStep);
  if (index < 0) return 'Every step passes; healthy soon';
  // The step's place in the order: later steps may pass first (a missing security group rule
  // does not stop the lab's target), so counting the passed ones would overshoot.
  return `Step ${index + 1} of ${c.steps.length}: ${
    c.steps[index].title
  } for ${formatAge(c.currentStepSeconds)}`;
}

/**
 * Clusters on their way in or out, listed apart from the broken ones: a new cluster is not
 * healthy for a while, and that is expected until a step takes too long.
 */
export function OnboardingSection(props: {
  onboarding?: OnboardingOverview;
  clusterHref: (name: string) => string;
}) {
  const clusters = props.onboarding?.clusters ?? [];
  if (clusters.length === 0) return null;
  return (
    <Paper variant="outlined" data-testid="onboarding-section">
      <Box p={2}>
        <Typography variant="h6" component="h3">
          Onboarding and retiring ({clusters.length})
        </Typography>
        <Box component="ul" m={0} pl={2}>
          {clusters.map(c => (
            <li key={c.cluster} data-testid={`onboarding-row-${c.cluster}`}>
              <Typography variant="body2" component="span">
                <RouterLink to={props.clusterHref(c.cluster)}>
                  {c.cluster}
                </RouterLink>{' '}
                · {progressText(c)}
                {c.stuck && (
                  <Box
                    component="span"
                    ml={1}
                    // error.main on white is 3.7:1; the dark shade reads at 5:1.
                    color="error.dark"
                    data-testid={`onboarding-stuck-${c.cluster}`}
                  >
                    <Icon name="warning" /> stuck (over {c.stuck.afterMinutes}{' '}
                    min)
                  </Box>
                )}
              </Typography>
            </li>
          ))}
        </Box>
      </Box>
    </Paper>
  );
}
