import { InputError } from '@backstage/errors';
import { MONITORING_NAMESPACE } from '@promfed/plugin-prometheus-federation-common';
import type { AddClusterActionInput } from '../actions/addCluster.schema';
import {
  validateClusterName,
  validateDomain,
  validateDuration,
  validateEntityRef,
  validateKubernetesName,
  validateMatcher,
  validateApiServer,
  validateAuthProvider,
  validateBase64Pem,
  validateRegion,
  validateRepoPath,
  validateSecurityGroupId,
} from './inputs';

/** The inputs that get a default when left out. */
type Defaulted =
  | 'opsCluster'
  | 'namespace'
  | 'tls'
  | 'updateAlertRules'
  | 'repoPath'
  | 'paths';

/** The action input after normalisation: blanks removed, defaults filled in. */
export type AddClusterInput = Omit<AddClusterActionInput, Defaulted> & {
  [K in Defaulted]-?: NonNullable<AddClusterActionInput[K]>;
};

/** Empty strings from an unfilled form field mean "not set". */
function blank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Blank optional inputs become undefined; left-out inputs get their defaults. */
export function normaliseAddClusterInput(
  raw: AddClusterActionInput,
): AddClusterInput {
  return {
    ...raw,
    cluster: String(raw.cluster ?? ''),
    domain: String(raw.domain ?? '').toLowerCase(),
    region: blank(raw.region),
    sourceSecurityGroupId: blank(raw.sourceSecurityGroupId),
    targetSecurityGroupId: blank(raw.targetSecurityGroupId),
    scrapeInterval: blank(raw.scrapeInterval),
    scrapeTimeout: blank(raw.scrapeTimeout),
    exposure: blank(raw.exposure),
    gatewayName: blank(raw.gatewayName),
    gatewayNamespace: blank(raw.gatewayNamespace),
    ingressClassName: blank(raw.ingressClassName),
    clusterIssuer: blank(raw.clusterIssuer),
    referenceCluster: blank(raw.referenceCluster),
    catalogOwner: blank(raw.catalogOwner),
    kubernetesApiServer: blank(raw.kubernetesApiServer),
    kubernetesAuthProvider: blank(raw.kubernetesAuthProvider),
    kubernetesApiServerCa: blank(raw.kubernetesApiServerCa)?.replace(
      /\s+/g,
      '',
    ),
    opsCluster: blank(raw.opsCluster) ?? 'ops',
    namespace: blank(raw.namespace) ?? MONITORING_NAMESPACE,
    tls: raw.tls ?? 'verify',
    updateAlertRules: raw.updateAlertRules ?? true,
    repoPath: blank(raw.repoPath) ?? '.',
    paths: Object.fromEntries(
      Object.entries(raw.paths ?? {}).filter(([, v]) => blank(v) !== undefined),
    ),
  };
}

/**
 * Normalises the input and checks it against strict patterns before any file is read. Names,
 * hosts and ids cannot carry quotes, newlines or `${`; `match` selectors can carry quotes and
 * `{{`, and stay safe because they are written by the yaml library (never pasted as text) and
 * escaped with escapeForTpl for Helm's `tpl`.
 */
export function validateAddClusterInput(
  raw: AddClusterActionInput,
): AddClusterInput {
  const input = normaliseAddClusterInput(raw);
  validateClusterName(input.cluster);
  validateDomain(input.domain);
  validateClusterName(input.opsCluster, 'opsCluster');
  if (input.cluster === input.opsCluster) {
    throw new InputError(
      `Invalid cluster "${input.cluster}": the ops cluster cannot federate itself`,
    );
  }
  if (input.region) validateRegion(input.region);
  if (input.kubernetesApiServer) validateApiServer(input.kubernetesApiServer);
  if (input.kubernetesApiServerCa)
    validateBase64Pem(input.kubernetesApiServerCa, 'kubernetesApiServerCa');
  if (input.kubernetesAuthProvider)
    validateAuthProvider(input.kubernetesAuthProvider);
  if (input.sourceSecurityGroupId)
    validateSecurityGroupId(
      input.sourceSecurityGroupId,
      'sourceSecurityGroupId',
    );
  if (input.targetSecurityGroupId)
    validateSecurityGroupId(
      input.targetSecurityGroupId,
      'targetSecurityGroupId',
    );
  if (input.tls !== 'verify' && input.tls !== 'insecure-skip-verify') {
    throw new InputError(
      `Invalid tls ${JSON.stringify(
        input.tls,
      )}: use "verify" or "insecure-skip-verify"`,
    );
  }
  input.match?.forEach((m, i) => validateMatcher(m, `match[${i}]`));
  if (input.match && input.match.length === 0) {
    throw new InputError(
      'Invalid match: give at least one selector, or leave it out for every series',
    );
  }
  if (input.scrapeInterval)
    validateDuration(input.scrapeInterval, 'scrapeInterval');
  if (input.scrapeTimeout)
    validateDuration(input.scrapeTimeout, 'scrapeTimeout');
  validateKubernetesName(input.namespace, 'namespace');
  if (input.exposure && !['ingress', 'gateway'].includes(input.exposure)) {
    throw new InputError(
      `Invalid exposure ${JSON.stringify(
        input.exposure,
      )}: use "ingress" or "gateway"`,
    );
  }
  if (input.gatewayName)
    validateKubernetesName(input.gatewayName, 'gatewayName');
  if (input.gatewayNamespace)
    validateKubernetesName(input.gatewayNamespace, 'gatewayNamespace');
  if (input.ingressClassName)
    validateKubernetesName(input.ingressClassName, 'ingressClassName');
  if (input.clusterIssuer)
    validateKubernetesName(input.clusterIssuer, 'clusterIssuer');
  if (input.referenceCluster)
    validateClusterName(input.referenceCluster, 'referenceCluster');
  if (input.catalogOwner) validateEntityRef(input.catalogOwner, 'catalogOwner');
  if (input.repoPath !== '.') validateRepoPath(input.repoPath, 'repoPath');
  for (const [key, value] of Object.entries(input.paths)) {
    validateRepoPath(value!, `paths.${key}`);
  }
  return input;
}
