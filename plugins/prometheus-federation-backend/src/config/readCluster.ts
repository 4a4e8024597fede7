import { Config } from '@backstage/config';
import {
  CLUSTER_NAME_RULE,
  HOST_NAME_RULE,
  REGION_RULE,
  SECURITY_GROUP_ID_RULE,
} from '@promfed/plugin-prometheus-federation-common';
import { clusterDefaults } from './clusterDefaults';
import { fail } from './FederationConfigError';
import { ClusterOptions, OpsSource } from './options';
import { checked, cidr, httpUrl, jobName } from './values';

/** `aws.opsSource` or a cluster's own: the ops security group or CIDR allowed on tcp 443. */
export function readOpsSource(
  config: Config | undefined,
  key: string,
): OpsSource {
  if (!config) return {};
  const securityGroupId = config.getOptionalString('securityGroupId');
  const range = config.getOptionalString('cidr');
  return {
    securityGroupId:
      securityGroupId === undefined
        ? undefined
        : checked(
            SECURITY_GROUP_ID_RULE,
            securityGroupId,
            `${key}.securityGroupId`,
            'an sg- id',
          ),
    cidr: range === undefined ? undefined : cidr(range, `${key}.cidr`),
  };
}

function readKubernetes(c: Config, key: string): ClusterOptions['kubernetes'] {
  const k = c.getOptionalConfig('kubernetes');
  if (!k) return undefined;
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
  return {
    context,
    url: url ? httpUrl(url, `${key}.kubernetes.url`) : undefined,
    token,
    caFile: k.getOptionalString('caFile'),
  };
}

function readAws(
  c: Config,
  key: string,
  root: string,
  defaultOpsSource: OpsSource,
): ClusterOptions['aws'] {
  const a = c.getOptionalConfig('aws');
  if (!a) return undefined;
  const region = a.getOptionalString('region');
  if (!region) fail(`${key}.aws.region`, 'is required, e.g. eu-west-1');
  checked(REGION_RULE, region, `${key}.aws.region`, 'an AWS region');
  const sg = a.getOptionalString('nodeSecurityGroupId');
  if (!sg)
    fail(
      `${key}.aws.nodeSecurityGroupId`,
      'is required: the leaf node security group',
    );
  checked(
    SECURITY_GROUP_ID_RULE,
    sg,
    `${key}.aws.nodeSecurityGroupId`,
    'an sg- id',
  );
  const own = readOpsSource(
    a.getOptionalConfig('opsSource'),
    `${key}.aws.opsSource`,
  );
  const opsSource = own.securityGroupId || own.cidr ? own : defaultOpsSource;
  if (!opsSource.securityGroupId && !opsSource.cidr) {
    fail(
      `${key}.aws.opsSource`,
      `is required (or ${root}.aws.opsSource): the ops security group or CIDR allowed on tcp 443`,
    );
  }
  return { region, nodeSecurityGroupId: sg, opsSource };
}

/** One entry of `clusters`; names, namespaces and the job default to the common layout. */
export function readCluster(
  c: Config,
  root: string,
  index: number,
  defaultOpsSource: OpsSource,
): ClusterOptions {
  const key = `${root}.clusters[${index}]`;
  const name = c.getOptionalString('name');
  if (!name)
    fail(
      `${key}.name`,
      'is required: the cluster name used in federate-<name> and source_cluster',
    );
  checked(CLUSTER_NAME_RULE, name, `${key}.name`, 'a DNS-1123 label');

  const host = c.getOptionalString('prometheus.host');
  if (!host)
    fail(
      `${key}.prometheus.host`,
      `is required: the leaf Prometheus host served by the Ingress, e.g. prometheus-${name}.example.com`,
    );
  checked(
    HOST_NAME_RULE,
    host,
    `${key}.prometheus.host`,
    'a host name without scheme or path',
  );
  const port = c.getOptionalNumber('prometheus.port') ?? 443;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`${key}.prometheus.port`, `must be a TCP port, got ${port}`);
  const kubernetes = readKubernetes(c, key);
  const aws = readAws(c, key, root, defaultOpsSource);
  const exposure = c.getOptionalString('exposure');
  if (
    exposure !== undefined &&
    exposure !== 'ingress' &&
    exposure !== 'gateway'
  )
    fail(`${key}.exposure`, `must be ingress or gateway, got ${exposure}`);

  const defaults = clusterDefaults(name);
  return {
    name,
    entityRef: c.getOptionalString('entityRef') ?? defaults.entityRef,
    host,
    port,
    federateJob: jobName(
      c.getOptionalString('federateJob') ?? defaults.federateJob,
      `${key}.federateJob`,
    ),
    kubernetes,
    certificate: {
      namespace:
        c.getOptionalString('certificate.namespace') ??
        defaults.certificate.namespace,
      name:
        c.getOptionalString('certificate.name') ?? defaults.certificate.name,
    },
    ingress: {
      namespace:
        c.getOptionalString('ingress.namespace') ?? defaults.ingress.namespace,
      name: c.getOptionalString('ingress.name') ?? defaults.ingress.name,
    },
    exposure,
    httpRoute: {
      namespace:
        c.getOptionalString('httpRoute.namespace') ??
        defaults.httpRoute.namespace,
      name: c.getOptionalString('httpRoute.name') ?? defaults.httpRoute.name,
    },
    aws,
    source: 'config',
  };
}
