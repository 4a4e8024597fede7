import { RE2JS } from 're2js';
import { literalUnion } from './regexLiterals';

/**
 * A regex from outside (a dashboard, a rule, a selector, a form), compiled with Prometheus'
 * semantics: RE2 syntax, linear-time matching, fully anchored (`^(?s:pattern)$`).
 * JavaScript's `RegExp` backtracks and reads some patterns differently, so it is never used for
 * these.
 */
export type PrometheusRegex =
  | {
      valid: true;
      pattern: string;
      matches(value: string): boolean;
      /** The names it lists, when it only lists names (`a|b|c`): it matches exactly these. */
      names?: string[];
    }
  | { valid: false; pattern: string; error: string };

/**
 * Longest pattern compiled as a general regex. RE2 compiles in time linear in the pattern, but a
 * 300 000-character pattern still takes half a second of one core: longer patterns are refused
 * here, except a list of names (`a|b|c`), which is matched as a set, as Prometheus does too.
 */
export const MAX_GENERAL_REGEX_CHARS = 8192;

/** Compiled patterns remembered; the least recently used is forgotten first. */
export const REGEX_CACHE_SIZE = 2000;

const cache = new Map<string, PrometheusRegex>();

function remember(pattern: string, compiled: PrometheusRegex) {
  cache.set(pattern, compiled);
  if (cache.size > REGEX_CACHE_SIZE) {
    cache.delete(cache.keys().next().value!);
  }
  return compiled;
}

function compile(pattern: string): PrometheusRegex {
  const names = literalUnion(pattern);
  if (names) {
    const set = new Set(names);
    return { valid: true, pattern, names, matches: value => set.has(value) };
  }
  if (pattern.length > MAX_GENERAL_REGEX_CHARS) {
    return {
      valid: false,
      pattern,
      error: `regex too long to evaluate: ${pattern.length} characters, at most ${MAX_GENERAL_REGEX_CHARS} unless it only lists names (a|b|c)`,
    };
  }
  try {
    const re = RE2JS.compile(`^(?:${pattern})$`, RE2JS.DOTALL);
    return { valid: true, pattern, matches: value => re.matches(value) };
  } catch (e) {
    return { valid: false, pattern, error: invalidRegexText(e) };
  }
}

/** Compiles `pattern` as Prometheus does; an invalid pattern says why instead of throwing. */
export function compilePrometheusRegex(pattern: string): PrometheusRegex {
  const known = cache.get(pattern);
  if (known) {
    // Most recently used last.
    cache.delete(pattern);
    cache.set(pattern, known);
    return known;
  }
  return remember(pattern, compile(pattern));
}

/** How many compiled patterns are remembered now (bounded by `REGEX_CACHE_SIZE`). */
export function cachedRegexCount(): number {
  return cache.size;
}

// RE2's tables are built on first use (about 0.1 s): once at start, not in the first request.
compilePrometheusRegex('warm_up_.*');

function invalidRegexText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return `invalid regex: ${text}`;
}
