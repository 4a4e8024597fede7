import {
  compilePrometheusRegex,
  escapeRegexLiteral,
} from '@promfed/plugin-prometheus-federation-common';

/**
 * Trust patterns of discovery: `*` matches any run of characters except `/`, so a host pattern
 * (`*.example.com`) or a URL pattern (`https://*.eks.amazonaws.com`) cannot let an entity
 * add a path or a second host. Matching is case-insensitive and whole-value, with RE2 (linear
 * time): the value comes from a catalog entity.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  const source = pattern.split('*').map(escapeRegexLiteral).join('[^/]*');
  const re = compilePrometheusRegex(`(?i)${source}`);
  return re.valid && re.matches(value);
}

export function matchesAny(patterns: string[], value: string): boolean {
  return patterns.some(p => matchesPattern(p, value));
}
