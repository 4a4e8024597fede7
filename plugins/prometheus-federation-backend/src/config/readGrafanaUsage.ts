/** The part of `prometheusFederation.grafana` that reads dashboards for metric usage. */
import { Config } from '@backstage/config';
import { DEFAULT_MAX_DASHBOARDS, DEFAULT_USAGE_TTL_SECONDS } from './options';
import { httpUrl, positive } from './values';

export function readGrafanaUsage(grafana: Config, root: string) {
  const apiUrl = grafana.getOptionalString('apiUrl');
  return {
    apiUrl: apiUrl ? httpUrl(apiUrl, `${root}.apiUrl`) : undefined,
    token: grafana.getOptionalString('token'),
    datasources: grafana.getOptionalStringArray('datasources') ?? [],
    usageTtlSeconds: positive(
      grafana.getOptionalNumber('usageTtlSeconds'),
      `${root}.usageTtlSeconds`,
      DEFAULT_USAGE_TTL_SECONDS,
    ),
    maxDashboards: Math.floor(
      positive(
        grafana.getOptionalNumber('maxDashboards'),
        `${root}.maxDashboards`,
        DEFAULT_MAX_DASHBOARDS,
      ),
    ),
  };
}
