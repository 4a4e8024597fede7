import { InputError } from '@backstage/errors';

/** DNS-1123 label: what Kubernetes, DNS and the design document's names all accept. */
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** A host name made of DNS labels, at least two of them (`talentos.darey.io`). */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;
const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
const AWS_REGION =
  /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov|-iso|-isob)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[1-9]$/;
/** Kubernetes object names used in the Ingress (issuer, class). */
const DNS_1123_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Prometheus duration such as `30s` or `1m30s`. */
const DURATION =
  /^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$/;
/** A Backstage entity reference for the owner, e.g. `group:default/platform`. */
const ENTITY_REF = /^([a-z]+:)?([a-z0-9][-a-z0-9_.]*\/)?[a-z0-9][-a-z0-9_.]*$/i;

function check(value: string, pattern: RegExp, field: string, fix: string) {
  if (!pattern.test(value)) {
    throw new InputError(`Invalid ${field} ${JSON.stringify(value)}: ${fix}`);
  }
}

export function validateClusterName(value: string, field = 'cluster') {
  check(
    value,
    DNS_1123_LABEL,
    field,
    'use a DNS-1123 label (lower-case letters, digits and "-", at most 63 characters, starting and ending with a letter or digit), e.g. "blue"',
  );
}

export function validateDomain(value: string, field = 'domain') {
  check(
    value,
    HOST_NAME,
    field,
    'use a lower-case host name such as "talentos.darey.io" (DNS labels joined by dots)',
  );
}

export function validateSecurityGroupId(value: string, field: string) {
  check(
    value,
    SECURITY_GROUP_ID,
    field,
    'use a security group id such as "sg-0123456789abcdef0", or leave it empty to use the EKS module outputs',
  );
}

export function validateRegion(value: string, field = 'region') {
  check(value, AWS_REGION, field, 'use an AWS region such as "eu-west-1"');
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
  if (!value || !DURATION.test(value)) {
    throw new InputError(
      `Invalid ${field} ${JSON.stringify(
        value,
      )}: use a Prometheus duration such as "30s" or "2m"`,
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
    throw new InputError(
      `Invalid ${field} ${JSON.stringify(
        value,
      )}: use a PromQL series selector on one line such as '{__name__=~".+"}' or 'up{job="app"}'`,
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
    throw new InputError(
      `Invalid ${field} ${JSON.stringify(
        value,
      )}: use a relative path inside the repository such as "terraform/prometheus-federation-security.tf"`,
    );
  }
}
