/**
 * Validation rules for the names the packages exchange. Each rule is a pattern and the fix to
 * suggest; packages wrap a failed rule in their own error type (config error, InputError).
 */

export interface ValidationRule {
  /** What the value is, e.g. "cluster name". */
  name: string;
  test(value: string): boolean;
  /** What to write instead, e.g. `use a DNS-1123 label ..., e.g. "blue"`. */
  fix: string;
}

function patternRule(
  name: string,
  pattern: RegExp,
  fix: string,
): ValidationRule {
  return { name, test: value => pattern.test(value), fix };
}

/**
 * A cluster name: a DNS-1123 label short enough that `prometheus-<cluster>` (the leaf host's
 * first label) stays within DNS's 63 characters, so at most 52.
 */
export const CLUSTER_NAME_RULE = patternRule(
  'cluster name',
  /^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/,
  'use a DNS-1123 label (lower-case letters, digits and "-", at most 52 characters, starting and ending with a letter or digit), e.g. "blue"',
);

/** The domain leaf hosts live under: two or more DNS labels. */
export const DOMAIN_RULE = patternRule(
  'domain',
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/,
  'use a lower-case host name such as "talentos.darey.io" (DNS labels joined by dots)',
);

/** A host name (one or more DNS labels, any case), e.g. a configured leaf host. */
export const HOST_NAME_RULE = patternRule(
  'host name',
  /^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$/,
  'use a host name such as "prometheus-blue.example.com"',
);

/** EC2 security group ids: `sg-` and 8 (older groups) or 17 hexadecimal digits. */
export const SECURITY_GROUP_ID_RULE = patternRule(
  'security group id',
  /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
  'use a security group id such as "sg-0123456789abcdef0"',
);

/**
 * An AWS region code: a pattern, not a list, so regions AWS opens later (and partitions such
 * as us-gov-west-1, cn-north-1 or eusc-de-east-1) are accepted.
 */
export const REGION_RULE = patternRule(
  'AWS region',
  /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/,
  'use an AWS region such as "eu-west-1"',
);

/**
 * A Prometheus job name as the product uses it. Prometheus allows any string, but job names go
 * into PromQL selectors and regexes, so only plain names are accepted.
 */
export const JOB_NAME_RULE = patternRule(
  'job name',
  /^[a-zA-Z_][a-zA-Z0-9_-]*$/,
  'use a plain job name such as "federate-blue" (letters, digits, "_" and "-")',
);

/** The problem with `value` under `rule`, or undefined when it is valid. */
export function validationProblem(
  rule: ValidationRule,
  value: string,
): string | undefined {
  return rule.test(value) ? undefined : rule.fix;
}
