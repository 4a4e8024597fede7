import { Config } from '@backstage/config';
import { federateJobName } from '@internal/plugin-prometheus-federation-common';
import {
  ClusterOptions,
  DEFAULT_DASHBOARD,
  DEFAULT_HTTP_SELECTOR,
  FederationOptions,
  OpsSource,
} from './options';

const ROOT = 'prometheusFederation';
const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SG_ID = /^sg-[0-9a-f]{8,17}$/;
const HOST =
  /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]{0,62})(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,62}))*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** A configuration error that names the key and what to write instead. */
export class FederationConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`${key} ${problem}`);
    this.name = 'FederationConfigError';
  }
}

function fail(key: string, problem: string): never {
  throw new FederationConfigError(key, problem);
}

function httpUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(
      key,
      'must be an http(s) URL such as https://prometheus.example.com',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(key, `must be an http(s) URL, got a ${url.protocol} URL`);
  }
  // URLs end up in links shown to every user: credentials belong in bearerToken/basicAuth.
  if (url.username || url.password) {
    fail(
      key,
      'must not carry credentials; use bearerToken or basicAuth instead',
    );
  }
  return value.replace(/\/+$/, '');
}

/** Prometheus job names are label values, but ours go into PromQL regexes: keep them plain. */
function jobName(value: string, key: string): string {
  if (!/^[a-zA-Z_][a-zA-Z0-9_-]*$/.test(value)) {
    fail(key, `must be a plain job name such as federate-blue, got "${value}"`);
  }
  return value;
}

function positive(value: number | undefined, key: string, fallback: number) {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    fail(key, `must be a positive number of seconds, got ${value}`);
  return value;
}

function cidr(value: string, key: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(
    value,
  );
  if (!m || m.slice(1, 5).some(o => Number(o) > 255) || Number(m[5]) > 32) {
    fail(key, `must be an IPv4 CIDR such as 203.0.113.10/32, got "${value}"`);
  }
  return value;
}

function readOpsSource(config: Config | undefined, key: string): OpsSource {
  if (!config) return {};
  const securityGroupId = config.getOptionalString('securityGroupId');
  if (securityGroupId !== undefined && !SG_ID.test(securityGroupId)) {
    fail(
      `${key}.securityGroupId`,
      `must be an sg- id, got "${securityGroupId}"`,
    );
  }
  const range = config.getOptionalString('cidr');
  return {
    securityGroupId,
    cidr: range === undefined ? undefined : cidr(range, `${key}.cidr`),
  };
}

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

function readCluster(
  c: Config,
  index: number,
  defaultOpsSource: OpsSource,
): ClusterOptions {
  const key = `${ROOT}.clusters[${index}]`;
  const name = c.getOptionalString('name');
  if (!name)
    fail(
      `${key}.name`,
      'is required: the cluster name used in federate-<name> and source_cluster',
    );
  if (!CLUSTER_NAME.test(name))
    fail(
      `${key}.name`,
      `must be a DNS-1123 label (lowercase letters, digits, -), got "${name}"`,
    );

  const host = c.getOptionalString('prometheus.host');
  if (!host)
    fail(
      `${key}.prometheus.host`,
      `is required: the leaf Prometheus host served by the Ingress, e.g. prometheus-${name}.example.com`,
    );
  if (!HOST.test(host))
    fail(
      `${key}.prometheus.host`,
      `must be a host name without scheme or path, got "${host}"`,
    );
  const port = c.getOptionalNumber('prometheus.port') ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`${key}.prometheus.port`, `must be a TCP port, got ${port}`);

  let kubernetes: ClusterOptions['kubernetes'];
  const k = c.getOptionalConfig('kubernetes');
  if (k) {
    const context = k.getOptionalString('context');
    const url = k.getOptionalString('url');
    const token = k.getOptionalString('token');
    if (!context && !url)
      fail(
        `${key}.kubernetes`,
        'needs either context (a kubeconfig context) or url with token',
      );
    if (context && url)
      fail(`${key}.kubernetes`, 'takes either context or url, not both');
    if (url && !token)
      fail(`${key}.kubernetes.token`, 'is required with kubernetes.url');
    kubernetes = {
      context,
      url: url ? httpUrl(url, `${key}.kubernetes.url`) : undefined,
      token,
      caFile: k.getOptionalString('caFile'),
    };
  }

  let aws: ClusterOptions['aws'];
  const a = c.getOptionalConfig('aws');
  if (a) {
    const region = a.getOptionalString('region');
    if (!region) fail(`${key}.aws.region`, 'is required, e.g. eu-west-1');
    if (!REGION.test(region))
      fail(
        `${key}.aws.region`,
        `must be an AWS region such as eu-west-1, got "${region}"`,
      );
    const sg = a.getOptionalString('nodeSecurityGroupId');
    if (!sg)
      fail(
        `${key}.aws.nodeSecurityGroupId`,
        'is required: the leaf node security group',
      );
    if (!SG_ID.test(sg))
      fail(`${key}.aws.nodeSecurityGroupId`, `must be an sg- id, got "${sg}"`);
    const own = readOpsSource(
      a.getOptionalConfig('opsSource'),
      `${key}.aws.opsSource`,
    );
    const opsSource = own.securityGroupId || own.cidr ? own : defaultOpsSource;
    if (!opsSource.securityGroupId && !opsSource.cidr) {
      fail(
        `${key}.aws.opsSource`,
        `is required (or ${ROOT}.aws.opsSource): the ops security group or CIDR allowed on tcp 443`,
      );
    }
    aws = { region, nodeSecurityGroupId: sg, opsSource };
  }

  return {
    name,
    entityRef: c.getOptionalString('entityRef') ?? `resource:default/${name}`,
    host,
    port,
    federateJob: jobName(
      c.getOptionalString('federateJob') ?? federateJobName(name),
      `${key}.federateJob`,
    ),
    kubernetes,
    certificate: {
      namespace: c.getOptionalString('certificate.namespace') ?? 'monitoring',
      name: c.getOptionalString('certificate.name') ?? `prometheus-${name}-tls`,
    },
    ingress: {
      namespace: c.getOptionalString('ingress.namespace') ?? 'monitoring',
      name: c.getOptionalString('ingress.name') ?? 'prometheus-ingress',
    },
    aws,
  };
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
      (c, i) => readCluster(c, i, defaultOpsSource),
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
        30,
      ),
      upstreamTimeoutSeconds: positive(
        config.getOptionalNumber('upstreamTimeoutSeconds'),
        `${ROOT}.upstreamTimeoutSeconds`,
        5,
      ),
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
              'cluster-resources',
          }
        : undefined,
      dnsServers: config.getOptionalStringArray('dns.servers'),
      tlsCaFile: config.getOptionalString('tls.caFile'),
      applicationLabel: config.getOptionalString('applicationLabel') ?? 'job',
      httpMetricsSelector:
        config.getOptionalString('httpMetricsSelector') ??
        DEFAULT_HTTP_SELECTOR,
      aws: {
        endpoint: awsEndpoint
          ? httpUrl(awsEndpoint, `${ROOT}.aws.endpoint`)
          : undefined,
        opsSource: defaultOpsSource,
      },
      kubeconfig: config.getOptionalString('kubeconfig'),
      clusters,
    };
  });
}
