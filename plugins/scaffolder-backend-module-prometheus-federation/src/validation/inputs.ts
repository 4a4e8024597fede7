import { InputError } from '@backstage/errors';
import {
  CLUSTER_NAME_RULE,
  DOMAIN_RULE,
  KUBERNETES_AUTH_PROVIDERS,
  MAX_CATALOG_CA_LENGTH,
  REGION_RULE,
  SECURITY_GROUP_ID_RULE,
  validationProblem,
  ValidationRule,
} from '@promfed/plugin-prometheus-federation-common';

// Names the packages exchange follow the common package's rules; the rules below are the
// action's own inputs.

/** Kubernetes object names used in the Ingress (issuer, class). */
const DNS_1123_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Prometheus duration such as `30s` or `1m30s`. */
const DURATION =
  /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;
/** A Backstage entity reference for the owner, e.g. `group:default/platform`. */
const ENTITY_REF = /^([a-z]+:)?([a-z0-9][-a-z0-9_.]*\/)?[a-z0-9][-a-z0-9_.]*$/i;

function invalid(field: string, value: string, fix: string): InputError {
  return new InputError(`Invalid ${field} ${JSON.stringify(value)}: ${fix}`);
}

function checkRule(value: string, rule: ValidationRule, field: string) {
  const fix = validationProblem(rule, value);
  if (fix) throw invalid(field, value, fix);
}

function check(value: string, pattern: RegExp, field: string, fix: string) {
  if (!pattern.test(value)) throw invalid(field, value, fix);
}

export function validateClusterName(value: string, field = 'cluster') {
  checkRule(value, CLUSTER_NAME_RULE, field);
}

export function validateDomain(value: string, field = 'domain') {
  checkRule(value, DOMAIN_RULE, field);
}

export function validateSecurityGroupId(value: string, field: string) {
  if (!SECURITY_GROUP_ID_RULE.test(value)) {
    throw invalid(
      field,
      value,
      `${SECURITY_GROUP_ID_RULE.fix}, or leave it empty to use the EKS module outputs`,
    );
  }
}

export function validateRegion(value: string, field = 'region') {
  checkRule(value, REGION_RULE, field);
}

/** The leaf's Kubernetes API, as the Kubernetes plugin's kubernetes.io/api-server annotation takes it. */
const API_SERVER =
  /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/;

export function validateApiServer(
  value: string,
  field = 'kubernetesApiServer',
) {
  check(
    value,
    API_SERVER,
    field,
    'use the API server URL such as "https://ABCD1234.gr7.eu-west-1.eks.amazonaws.com" (no credentials, query or spaces)',
  );
}

export function validateAuthProvider(
  value: string,
  field = 'kubernetesAuthProvider',
) {
  if (!(KUBERNETES_AUTH_PROVIDERS as readonly string[]).includes(value))
    throw invalid(
      field,
      value,
      `use one of ${KUBERNETES_AUTH_PROVIDERS.join(', ')}`,
    );
}

/** A base64 PEM certificate bundle, as a kubeconfig's certificate-authority-data holds it. */
export function validateBase64Pem(value: string, field: string) {
  const pem = /^[A-Za-z0-9+/]+={0,2}$/.test(value)
    ? Buffer.from(value, 'base64').toString('utf8')
    : '';
  if (
    !pem.includes('-----BEGIN CERTIFICATE-----') ||
    value.length > MAX_CATALOG_CA_LENGTH
  )
    throw invalid(
      field,
      value.slice(0, 40),
      `use the CA as base64 PEM (certificate-authority-data of a kubeconfig), at most ${MAX_CATALOG_CA_LENGTH} characters`,
    );
}

export function validateKubernetesName(value: string, field: string) {
  check(
    value,
    DNS_1123_SUBDOMAIN,
    field,
    'use a Kubernetes object name (lower-case letters, digits, "-" and ".")',
  );
}

export function validateDuration(value: string, field: string) {
  // DURATION matches the empty string: every unit is optional.
  if (!value || !DURATION.test(value)) {
    throw invalid(
      field,
      value,
      'use a Prometheus duration such as "30s" or "2m"',
    );
  }
}

export function validateEntityRef(value: string, field: string) {
  check(
    value,
    ENTITY_REF,
    field,
    'use an entity reference such as "group:default/platform"',
  );
}

/**
 * A `match[]` selector: one line, braces balanced, no characters that could end the YAML
 * scalar or start a Helm template on their own. The editor still escapes `{{` for `tpl`.
 */
export function validateMatcher(value: string, field: string) {
  if (
    !/^[^\n\r\t]{1,500}$/.test(value) ||
    !/^[a-zA-Z_:]*\{.*\}$/.test(value) ||
    value.includes('${')
  ) {
    throw invalid(
      field,
      value,
      `use a PromQL series selector on one line such as '{__name__=~".+"}' or 'up{job="app"}'`,
    );
  }
}

/**
 * A path inside the repository: relative, no `..`, no absolute or home paths, plain characters.
 * The action resolves it inside the workspace as well.
 */
export function validateRepoPath(value: string, field: string) {
  if (
    !/^[A-Za-z0-9._\-/]+$/.test(value) ||
    value.startsWith('/') ||
    value.split('/').some(part => part === '..' || part === '')
  ) {
    throw invalid(
      field,
      value,
      'use a relative path inside the repository such as "terraform/prometheus-federation-security.tf"',
    );
  }
}

/** A metric name as Prometheus spells one; `field` names the input that holds it. */
export function validateMetricName(name: string, field: string) {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) {
    throw new InputError(`Invalid ${field} entry "${name}": not a metric name`);
  }
}
