import {
  JOB_NAME_RULE,
  ValidationRule,
  validationProblem,
} from '@promfed/plugin-prometheus-federation-common';
import { fail } from './FederationConfigError';

/**
 * A value checked against a rule of the common package, so that the backend accepts what the
 * scaffolder writes. The error keeps the `<key> must be ...` form and adds the rule's fix.
 */
export function checked(
  rule: ValidationRule,
  value: string,
  key: string,
  what: string,
): string {
  const problem = validationProblem(rule, value);
  if (problem) fail(key, `must be ${what}, got "${value}": ${problem}`);
  return value;
}

export function httpUrl(value: string, key: string): string {
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
export function jobName(value: string, key: string): string {
  return checked(JOB_NAME_RULE, value, key, 'a plain job name');
}

export function positive(
  value: number | undefined,
  key: string,
  fallback: number,
) {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    fail(key, `must be a positive number of seconds, got ${value}`);
  return value;
}

/** A count or size: zero or more. */
export function atLeastZero(
  value: number | undefined,
  key: string,
  fallback: number,
) {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    fail(key, `must be zero or a positive number, got ${value}`);
  return value;
}

export function cidr(value: string, key: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(
    value,
  );
  if (!m || m.slice(1, 5).some(o => Number(o) > 255) || Number(m[5]) > 32) {
    fail(key, `must be an IPv4 CIDR such as 203.0.113.10/32, got "${value}"`);
  }
  return value;
}
