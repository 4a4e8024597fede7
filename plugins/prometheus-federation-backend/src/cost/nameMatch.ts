/**
 * Whether metric names satisfy `__name__` matchers, with Prometheus' own regex semantics (RE2,
 * fully anchored, from the common package). A regex that does not compile is reported, never
 * guessed at: the query it is in may read any name.
 */
import {
  compilePrometheusRegex,
  escapeRegexLiteral,
} from '@promfed/plugin-prometheus-federation-common';
import { Pacer } from './pacer';
import { NameMatcher, NameSelector } from './types';

export interface InvalidMatcher {
  pattern: string;
  error: string;
}

/** The first regex of the selector that does not compile, if any. */
export function invalidMatcher(
  selector: NameSelector,
): InvalidMatcher | undefined {
  for (const m of selector.matchers) {
    if (m.op !== '=~' && m.op !== '!~') continue;
    const re = compilePrometheusRegex(m.value);
    if (!re.valid) return { pattern: m.value, error: re.error };
  }
  return undefined;
}

/** A matcher as a test on names, its regex compiled once (never per name). */
function compiledMatcher(matcher: NameMatcher): (name: string) => boolean {
  const { op, value } = matcher;
  if (op === '=') return name => name === value;
  if (op === '!=') return name => name !== value;
  const re = compilePrometheusRegex(value);
  // Callers check validity first; an invalid regex selects nothing, as Prometheus refuses it.
  if (!re.valid) return () => false;
  return op === '=~' ? name => re.matches(name) : name => !re.matches(name);
}

/** A selector as a test on names: every matcher must accept. */
export function compiledSelector(
  selector: NameSelector,
): (name: string) => boolean {
  const tests = selector.matchers.map(compiledMatcher);
  return name => tests.every(t => t(name));
}

/**
 * The names a selector can select without looking at every known name: its exact name, or the
 * names its regex lists. Undefined when it has neither.
 */
function candidates(selector: NameSelector): string[] | undefined {
  const exact = selector.matchers.find(m => m.op === '=');
  if (exact) return [exact.value];
  for (const m of selector.matchers) {
    if (m.op !== '=~') continue;
    const re = compilePrometheusRegex(m.value);
    if (re.valid && re.names) return re.names;
  }
  return undefined;
}

/** The known names a valid selector accepts, yielding to the event loop as it goes. */
export async function namesAccepted(
  selector: NameSelector,
  knownNames: string[],
  known: Set<string>,
  pacer: Pacer,
): Promise<string[]> {
  const few = candidates(selector);
  const pool = few ? few.filter(n => known.has(n)) : knownNames;
  const accepts = compiledSelector(selector);
  const out: string[] = [];
  for (const [i, name] of pool.entries()) {
    if ((i & 15) === 0 && pacer.due()) await pacer.pause();
    if (accepts(name)) out.push(name);
  }
  return out;
}

/**
 * The regex alternative that keeps what the selector can select: its exact name, else its first
 * positive regex (a superset of the and-ed conditions), else undefined: every name.
 */
export function keepPattern(selector: NameSelector): string | undefined {
  const exact = selector.matchers.find(m => m.op === '=');
  if (exact) return escapeRegexLiteral(exact.value);
  const regex = selector.matchers.find(m => m.op === '=~');
  return regex ? regex.value : undefined;
}
