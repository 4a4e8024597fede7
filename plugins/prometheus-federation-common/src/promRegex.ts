import { RE2JS } from 're2js';

/**
 * A regex from outside (a dashboard, a rule, a selector, a form), compiled with Prometheus'
 * semantics: RE2 syntax, linear-time matching, fully anchored (`^(?s:pattern)$`).
 * JavaScript's `RegExp` backtracks and reads some patterns differently, so it is never used for
 * these.
 */
export type PrometheusRegex =
  | { valid: true; pattern: string; matches(value: string): boolean }
  | { valid: false; pattern: string; error: string };

/** Compiles `pattern` as Prometheus does; an invalid pattern says why instead of throwing. */
export function compilePrometheusRegex(pattern: string): PrometheusRegex {
  try {
    const re = RE2JS.compile(`^(?:${pattern})$`, RE2JS.DOTALL);
    return { valid: true, pattern, matches: value => re.matches(value) };
  } catch (e) {
    return { valid: false, pattern, error: invalidRegexText(e) };
  }
}

function invalidRegexText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return `invalid regex: ${text}`;
}
