import { Config } from '@backstage/config';

export interface NotifyOptions {
  enabled: boolean;
  /** A new state must hold this long before owners hear of it. */
  minStateSeconds: number;
}

export const DEFAULT_MIN_STATE_SECONDS = 120;

/** `prometheusFederation.notifications`; see config.d.ts. */
export function readNotifyOptions(config: Config): NotifyOptions {
  const section = config.getOptionalConfig(
    'prometheusFederation.notifications',
  );
  const minStateSeconds =
    section?.getOptionalNumber('minStateSeconds') ?? DEFAULT_MIN_STATE_SECONDS;
  if (!(minStateSeconds >= 0)) {
    throw new Error(
      'prometheusFederation.notifications.minStateSeconds must be a number of seconds, 0 or more',
    );
  }
  return {
    enabled: section?.getOptionalBoolean('enabled') ?? true,
    minStateSeconds,
  };
}
