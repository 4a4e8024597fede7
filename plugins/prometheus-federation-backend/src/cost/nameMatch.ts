/** Whether a metric name satisfies `__name__` matchers, with Prometheus' anchored regexes. */
import { escapeRegex } from './promqlNames';
import { NameMatcher, NameSelector } from './types';

const compiled = new Map<string, RegExp | null>();

/** RE2 patterns compiled as JavaScript; one JavaScript cannot read matches nothing. */
function anchored(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    try {
      compiled.set(pattern, new RegExp(`^(?:${pattern})$`));
    } catch {
      compiled.set(pattern, null);
    }
  }
  return compiled.get(pattern)!;
}

export function matcherAccepts(matcher: NameMatcher, name: string): boolean {
  switch (matcher.op) {
    case '=':
      return name === matcher.value;
    case '!=':
      return name !== matcher.value;
    case '=~':
      return anchored(matcher.value)?.test(name) ?? false;
    default:
      return !(anchored(matcher.value)?.test(name) ?? false);
  }
}

export function selectorAccepts(selector: NameSelector, name: string): boolean {
  return selector.matchers.every(m => matcherAccepts(m, name));
}

/**
 * The regex alternative that keeps what the selector can select: its exact name, else its first
 * positive regex (a superset of the and-ed conditions), else undefined: every name.
 */
export function keepPattern(selector: NameSelector): string | undefined {
  const exact = selector.matchers.find(m => m.op === '=');
  if (exact) return escapeRegex(exact.value);
  const regex = selector.matchers.find(m => m.op === '=~');
  return regex ? regex.value : undefined;
}

/** A proposal's pattern list as one anchored regex, to check names against it. */
export function patternsAccept(patterns: string[], name: string): boolean {
  return patterns.some(p => anchored(p)?.test(name) ?? false);
}
