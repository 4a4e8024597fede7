import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AWS_REGION_ANNOTATION,
  CLUSTER_ANNOTATION,
  CLUSTER_NAME_RULE,
  EXPOSURE_ANNOTATION,
  HOST_NAME_RULE,
  KUBERNETES_API_SERVER_ANNOTATION,
  KUBERNETES_API_SERVER_CA_ANNOTATION,
  KUBERNETES_AUTH_PROVIDER_ANNOTATION,
  KUBERNETES_AUTH_PROVIDERS,
  KUBERNETES_AWS_CLUSTER_ID_ANNOTATION,
  KUBERNETES_SKIP_TLS_VERIFY_ANNOTATION,
  KubernetesAuthProvider,
  MAX_CATALOG_CA_LENGTH,
  MAX_CATALOG_VALUE_LENGTH,
  NODE_SECURITY_GROUP_ANNOTATION,
  PROMETHEUS_HOST_ANNOTATION,
  REGION_RULE,
  SECURITY_GROUP_ID_RULE,
  ValidationRule,
  validationProblem,
} from '@promfed/plugin-prometheus-federation-common';
import {
  DiscoveryOptions,
  KubernetesAccess,
  OpsSource,
} from '../config/options';
import { matchesAny } from './hostPatterns';
import { EntityCluster, Refusal } from './types';

/** Thrown inside the parse: refuses this entity alone, with the reason. */
class Refused extends Error {}

const refuse = (reason: string): never => {
  throw new Refused(reason);
};

/** EKS cluster ids are cluster names: letters, digits, "-" and "_". */
const AWS_CLUSTER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function reader(annotations: Record<string, string>) {
  return (name: string, max = MAX_CATALOG_VALUE_LENGTH) => {
    const value: unknown = annotations[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string')
      return refuse(`annotation ${name} is not a string`);
    if (value.length > max)
      refuse(
        `annotation ${name} is ${value.length} characters long; at most ${max} are read`,
      );
    return value;
  };
}

function ruled(rule: ValidationRule, value: string, annotation: string) {
  const problem = validationProblem(rule, value);
  if (problem)
    refuse(
      `annotation ${annotation} "${value}" is not a valid ${rule.name}: ${problem}`,
    );
  return value;
}

function allowed(patterns: string[], value: string, what: string, key: string) {
  if (!matchesAny(patterns, value))
    refuse(
      `${what} ${value} matches no pattern of prometheusFederation.discovery.${key}`,
    );
  return value;
}

function apiServer(value: string, discovery: DiscoveryOptions): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse(
      `annotation ${KUBERNETES_API_SERVER_ANNOTATION} is not a URL`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    refuse(
      `annotation ${KUBERNETES_API_SERVER_ANNOTATION} must be an http(s) URL`,
    );
  if (url.username || url.password)
    refuse(
      `annotation ${KUBERNETES_API_SERVER_ANNOTATION} must not carry credentials`,
    );
  const server = value.replace(/\/+$/, '');
  return allowed(
    discovery.allowedApiServers,
    server,
    'API server',
    'allowedApiServers',
  );
}

function kubernetesAccess(
  read: ReturnType<typeof reader>,
  name: string,
  region: string | undefined,
  discovery: DiscoveryOptions,
): KubernetesAccess | undefined {
  const server = read(KUBERNETES_API_SERVER_ANNOTATION);
  if (!server) return undefined;
  const url = apiServer(server, discovery);
  const caData = read(
    KUBERNETES_API_SERVER_CA_ANNOTATION,
    MAX_CATALOG_CA_LENGTH,
  );
  if (caData !== undefined && !/^[A-Za-z0-9+/=\s]+$/.test(caData))
    refuse(`annotation ${KUBERNETES_API_SERVER_CA_ANNOTATION} is not base64`);
  const provider = (read(KUBERNETES_AUTH_PROVIDER_ANNOTATION) ??
    'serviceAccount') as KubernetesAuthProvider;
  if (!KUBERNETES_AUTH_PROVIDERS.includes(provider))
    refuse(
      `annotation ${KUBERNETES_AUTH_PROVIDER_ANNOTATION} "${provider}" is not one the backend can use (${KUBERNETES_AUTH_PROVIDERS.join(
        ', ',
      )})`,
    );
  const access: KubernetesAccess = {
    url,
    caData: caData?.replace(/\s+/g, ''),
    skipTlsVerify: read(KUBERNETES_SKIP_TLS_VERIFY_ANNOTATION) === 'true',
  };
  if (provider === 'aws') {
    if (!region)
      refuse(
        `auth provider aws needs the AWS region (annotation ${AWS_REGION_ANNOTATION})`,
      );
    const clusterId = read(KUBERNETES_AWS_CLUSTER_ID_ANNOTATION) ?? name;
    if (!AWS_CLUSTER_ID.test(clusterId))
      refuse(
        `annotation ${KUBERNETES_AWS_CLUSTER_ID_ANNOTATION} "${clusterId}" is not an EKS cluster name`,
      );
    return { ...access, aws: { clusterId, region: region! } };
  }
  const token = discovery.serviceAccountTokens[name];
  // Accepted still: the Kubernetes checks say what is missing instead of the cluster vanishing.
  return token
    ? { ...access, token }
    : {
        ...access,
        problem: `no service account token for cluster ${name}: add it to prometheusFederation.discovery.serviceAccountTokens`,
      };
}

/**
 * One catalog entity -> what it says about its cluster, every value checked with the common
 * rules and the trust patterns, or the reason it is refused. Pure; the entity's own fields only.
 */
export function entityCluster(
  entity: Entity,
  discovery: DiscoveryOptions,
  defaultOpsSource: OpsSource,
): { cluster: EntityCluster } | { refusal: Refusal } {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const read = reader(annotations);
  let name: string | undefined;
  try {
    name = ruled(
      CLUSTER_NAME_RULE,
      read(CLUSTER_ANNOTATION)!,
      CLUSTER_ANNOTATION,
    );
    const host = read(PROMETHEUS_HOST_ANNOTATION);
    if (host) {
      ruled(HOST_NAME_RULE, host, PROMETHEUS_HOST_ANNOTATION);
      allowed(discovery.allowedHosts, host, 'leaf host', 'allowedHosts');
    }
    const exposure = read(EXPOSURE_ANNOTATION);
    if (
      exposure !== undefined &&
      exposure !== 'ingress' &&
      exposure !== 'gateway'
    )
      refuse(
        `annotation ${EXPOSURE_ANNOTATION} must be ingress or gateway, got "${exposure}"`,
      );
    const region = read(AWS_REGION_ANNOTATION);
    if (region) {
      ruled(REGION_RULE, region, AWS_REGION_ANNOTATION);
      allowed(discovery.allowedRegions, region, 'AWS region', 'allowedRegions');
    }
    const group = read(NODE_SECURITY_GROUP_ANNOTATION);
    if (group)
      ruled(SECURITY_GROUP_ID_RULE, group, NODE_SECURITY_GROUP_ANNOTATION);
    if (group && !region)
      refuse(
        `annotation ${NODE_SECURITY_GROUP_ANNOTATION} needs ${AWS_REGION_ANNOTATION} too`,
      );
    if (group && !defaultOpsSource.securityGroupId && !defaultOpsSource.cidr)
      refuse(
        'a node security group needs prometheusFederation.aws.opsSource (the source allowed on tcp 443)',
      );
    return {
      cluster: {
        name,
        entityRef,
        host,
        exposure: exposure as EntityCluster['exposure'],
        aws:
          group && region
            ? {
                region,
                nodeSecurityGroupId: group,
                opsSource: defaultOpsSource,
              }
            : undefined,
        kubernetes: kubernetesAccess(read, name, region, discovery),
      },
    };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { refusal: { entityRef, cluster: name, reason: error.message } };
  }
}
