import { useApi } from '@backstage/core-plugin-api';
import { OnboardingOverview } from '@promfed/plugin-prometheus-federation-common';
import { useCallback } from 'react';
import { prometheusFederationApiRef } from '../../api';
import { usePolling } from '../usePolling';

/**
 * GET /onboarding, polled with the status page. An error shows nothing: the section is an
 * addition to the page, and the page's own banners already speak for an unreachable backend.
 */
export function useOnboardingOverview(
  intervalSeconds: number,
): OnboardingOverview | undefined {
  const api = useApi(prometheusFederationApiRef);
  const load = useCallback(() => api.getOnboarding(), [api]);
  return usePolling(load, intervalSeconds).value;
}
