import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import { useCallback } from 'react';
import { prometheusFederationApiRef } from '../../api';
import { usePolling } from '../usePolling';
import { OnboardingTimeline } from './OnboardingTimeline';

/**
 * The cluster's onboarding timeline, when it is onboarding or retiring; nothing otherwise. The
 * cluster view places it under the cluster's name and headline.
 */
export function ClusterOnboardingPanel(props: {
  name: string;
  intervalSeconds: number;
}) {
  const api = useApi(prometheusFederationApiRef);
  const load = useCallback(
    () => api.getClusterOnboarding(props.name),
    [api, props.name],
  );
  const { value } = usePolling(load, props.intervalSeconds);
  if (!value) return null;
  return (
    <Box mt={2} data-testid="cluster-onboarding">
      <OnboardingTimeline onboarding={value} />
    </Box>
  );
}
