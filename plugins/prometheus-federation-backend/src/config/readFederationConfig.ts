import { Config } from '@backstage/config';
import { CLUSTER_RESOURCES_APP } from '@promfed/plugin-prometheus-federation-common';
import {
  DEFAULT_CONCURRENCY,
  UPSTREAM_KINDS,
  UpstreamKind,
} from '../collectors/limit';
import { FederationConfigError, fail } from './FederationConfigError';
import {
  DEFAULT_DASHBOARD,
  DEFAULT_HTTP_SELECTOR,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_COST,
  DEFAULT_REFRESH,
  DEFAULT_PROBE_REUSE_SECONDS,
  DEFAULT_REFRESH_INTERVAL_SECONDS,
  DEFAULT_SHARED_CAUSE_THRESHOLD,
  FederationOptions,
} from './options';
import { readCluster, readOpsSource } from './readCluster';
import { readDiscovery } from './readDiscovery';
import { readGrafanaUsage } from './readGrafanaUsage';
import { atLeastZero, httpUrl, positive } from './values';

const ROOT = 'prometheusFederation';

/** Wraps Config's own type errors so that every message starts with the full key. */
function guarded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FederationConfigError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new FederationConfigError(ROOT, `is invalid: ${message}`);
  }
}

/**
 * Reads `prometheusFederation` into typed options. Returns undefined when the section is absent;
 * throws a FederationConfigError naming the key when it is present but wrong.
 */
export function readFederationConfig(
  root: Config,
): FederationOptions | undefined {
  const config = root.getOptionalConfig(ROOT);
  if (!config) return undefined;
  return guarded(() => {
    const opsUrl = config.getOptionalString('opsPrometheus.url');
    if (!opsUrl)
      fail(
        `${ROOT}.opsPrometheus.url`,
        'is required: the base URL of the ops Prometheus',
      );
    const bearerToken = config.getOptionalString('opsPrometheus.bearerToken');
    const basic = config.getOptionalConfig('opsPrometheus.basicAuth');
    if (bearerToken && basic)
      fail(`${ROOT}.opsPrometheus`, 'takes bearerToken or basicAuth, not both');
    const externalUrl = config.getOptionalString('opsPrometheus.externalUrl');

    const grafanaConfig = config.getOptionalConfig('grafana');
    const dashboards = grafanaConfig
      ?.getOptionalConfigArray('dashboards')
      ?.map(d => ({
        title: d.getString('title'),
        uid: d.getString('uid'),
        clusterVariable:
          d.getOptionalString('clusterVariable') ?? 'source_cluster',
        applicationVariable: d.getOptionalString('applicationVariable'),
      }));
    const argocdConfig = config.getOptionalConfig('argocd');
    const defaultOpsSource = readOpsSource(
      config.getOptionalConfig('aws.opsSource'),
      `${ROOT}.aws.opsSource`,
    );
    const awsEndpoint = config.getOptionalString('aws.endpoint');

    const clusters = (config.getOptionalConfigArray('clusters') ?? []).map(
      (c, i) => readCluster(c, ROOT, i, defaultOpsSource),
    );
    const seen = new Set<string>();
    clusters.forEach((c, i) => {
      if (seen.has(c.name))
        fail(`${ROOT}.clusters[${i}].name`, `"${c.name}" is listed twice`);
      seen.add(c.name);
    });

    return {
      refreshIntervalSeconds: positive(
        config.getOptionalNumber('refreshIntervalSeconds'),
        `${ROOT}.refreshIntervalSeconds`,
        DEFAULT_REFRESH_INTERVAL_SECONDS,
      ),
      upstreamTimeoutSeconds: positive(
        config.getOptionalNumber('upstreamTimeoutSeconds'),
        `${ROOT}.upstreamTimeoutSeconds`,
        5,
      ),
      maxResponseBytes: positive(
        config.getOptionalNumber('maxResponseBytes'),
        `${ROOT}.maxResponseBytes`,
        DEFAULT_MAX_RESPONSE_BYTES,
      ),
      probeReuseSeconds: atLeastZero(
        config.getOptionalNumber('probeReuseSeconds'),
        `${ROOT}.probeReuseSeconds`,
        DEFAULT_PROBE_REUSE_SECONDS,
      ),
      concurrency: Object.fromEntries(
        UPSTREAM_KINDS.map(kind => [
          kind,
          positive(
            config.getOptionalNumber(`concurrency.${kind}`),
            `${ROOT}.concurrency.${kind}`,
            DEFAULT_CONCURRENCY[kind],
          ),
        ]),
      ) as Record<UpstreamKind, number>,
      refresh: {
        minAgeSeconds: atLeastZero(
          config.getOptionalNumber('refresh.minAgeSeconds'),
          `${ROOT}.refresh.minAgeSeconds`,
          DEFAULT_REFRESH.minAgeSeconds,
        ),
        perUserPerMinute: atLeastZero(
          config.getOptionalNumber('refresh.perUserPerMinute'),
          `${ROOT}.refresh.perUserPerMinute`,
          DEFAULT_REFRESH.perUserPerMinute,
        ),
      },
      cost: {
        cacheSeconds: atLeastZero(
          config.getOptionalNumber('cost.cacheSeconds'),
          `${ROOT}.cost.cacheSeconds`,
          DEFAULT_COST.cacheSeconds,
        ),
        perUserPerMinute: atLeastZero(
          config.getOptionalNumber('cost.perUserPerMinute'),
          `${ROOT}.cost.perUserPerMinute`,
          DEFAULT_COST.perUserPerMinute,
        ),
      },
      opsPrometheus: {
        url: httpUrl(opsUrl, `${ROOT}.opsPrometheus.url`),
        externalUrl: externalUrl
          ? httpUrl(externalUrl, `${ROOT}.opsPrometheus.externalUrl`)
          : undefined,
        bearerToken,
        basicAuth: basic
          ? {
              username: basic.getString('username'),
              password: basic.getString('password'),
            }
          : undefined,
        caFile: config.getOptionalString('opsPrometheus.caFile'),
      },
      grafana: grafanaConfig
        ? {
            baseUrl: httpUrl(
              grafanaConfig.getString('baseUrl'),
              `${ROOT}.grafana.baseUrl`,
            ),
            dashboards: dashboards?.length ? dashboards : [DEFAULT_DASHBOARD],
            ...readGrafanaUsage(grafanaConfig, `${ROOT}.grafana`),
          }
        : undefined,
      argocd: argocdConfig
        ? {
            baseUrl: httpUrl(
              argocdConfig.getString('baseUrl'),
              `${ROOT}.argocd.baseUrl`,
            ),
            applicationName:
              argocdConfig.getOptionalString('applicationName') ??
              CLUSTER_RESOURCES_APP,
          }
        : undefined,
      dnsServers: config.getOptionalStringArray('dns.servers'),
      tlsCaFile: config.getOptionalString('tls.caFile'),
      applicationLabel: config.getOptionalString('applicationLabel') ?? 'job',
      httpMetricsSelector:
        config.getOptionalString('httpMetricsSelector') ??
        DEFAULT_HTTP_SELECTOR,
      sharedCauseThreshold: sharedCauseThreshold(
        config.getOptionalNumber('sharedCauseThreshold'),
      ),
      aws: {
        endpoint: awsEndpoint
          ? httpUrl(awsEndpoint, `${ROOT}.aws.endpoint`)
          : undefined,
        opsSource: defaultOpsSource,
      },
      kubeconfig: config.getOptionalString('kubeconfig'),
      clusters,
      discovery: readDiscovery(config, ROOT),
    };
  });
}

/** At least two clusters, a whole number: one cluster alone shares nothing. */
function sharedCauseThreshold(value: number | undefined): number {
  if (value === undefined) return DEFAULT_SHARED_CAUSE_THRESHOLD;
  if (!Number.isInteger(value) || value < 2)
    fail(
      `${ROOT}.sharedCauseThreshold`,
      `must be a whole number of clusters, at least 2, got ${value}`,
    );
  return value;
}
