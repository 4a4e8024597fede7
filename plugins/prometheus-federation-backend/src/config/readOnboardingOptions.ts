import { Config } from '@backstage/config';
import { fail } from './FederationConfigError';

/** Default of prometheusFederation.onboarding.stuckAfterMinutes. */
export const DEFAULT_STUCK_AFTER_MINUTES = 30;

/** `prometheusFederation.onboarding`: when a step that has not passed warns as stuck. */
export function readOnboardingOptions(config: Config): {
  stuckAfterMinutes: number;
} {
  const key = 'prometheusFederation.onboarding.stuckAfterMinutes';
  const stuckAfterMinutes =
    config.getOptionalNumber(key) ?? DEFAULT_STUCK_AFTER_MINUTES;
  if (!(stuckAfterMinutes > 0))
    fail(key, `must be a positive number of minutes, got ${stuckAfterMinutes}`);
  return { stuckAfterMinutes };
}
