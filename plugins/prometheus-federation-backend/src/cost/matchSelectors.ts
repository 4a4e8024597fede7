/**
 * The `match[]` selectors of a proposal, laid out to fit: listed names in selectors of their own
 * (matched as a set, whatever their number), the queries' own regexes in others (each wrapped, so
 * that a flag like `(?i)` stays inside its alternative), every selector within the narrow action's
 * limit. /federate unions its match[] selectors, so several select what one would.
 */
import {
  escapeRegexLiteral,
  literalUnion,
  MAX_GENERAL_REGEX_CHARS,
  MAX_MATCH_SELECTOR_CHARS,
} from '@promfed/plugin-prometheus-federation-common';

const HEAD = '{__name__=~"';
const TAIL = '"}';

/** A regex inside a PromQL double-quoted string: `"` and `\` escaped. */
function quoted(regex: string): string {
  return regex.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The selector, quoted for PromQL. */
export function narrowSelector(patterns: string[]): string {
  return `${HEAD}${quoted(patterns.join('|'))}${TAIL}`;
}

/** Alternatives grouped so that each group's selector stays within `maxChars` (and its regex within `maxRegex`). */
function chunk(
  alternatives: string[],
  maxChars: number,
  maxRegex: number,
): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let chars = HEAD.length + TAIL.length;
  let regexChars = 0;
  for (const alt of alternatives) {
    const add = quoted(alt).length + (group.length ? 1 : 0);
    const addRegex = alt.length + (group.length ? 1 : 0);
    if (
      group.length &&
      (chars + add > maxChars || regexChars + addRegex > maxRegex)
    ) {
      groups.push(group);
      group = [];
      chars = HEAD.length + TAIL.length;
      regexChars = 0;
    }
    chars += quoted(alt).length + (group.length ? 1 : 0);
    regexChars += alt.length + (group.length ? 1 : 0);
    group.push(alt);
  }
  if (group.length) groups.push(group);
  return groups;
}

/** Splits keep patterns into the names they list and the regexes that remain. */
export function splitPatterns(patterns: string[]): {
  names: string[];
  regexes: string[];
} {
  const names = new Set<string>();
  const regexes = new Set<string>();
  for (const pattern of patterns) {
    const listed = literalUnion(pattern);
    if (listed) listed.forEach(n => names.add(n));
    else regexes.add(pattern);
  }
  return { names: [...names].sort(), regexes: [...regexes].sort() };
}

export function matchSelectors(patterns: string[]): string[] {
  const { names, regexes } = splitPatterns(patterns);
  const listed = chunk(
    names.map(escapeRegexLiteral),
    MAX_MATCH_SELECTOR_CHARS,
    Infinity,
  );
  const general = chunk(
    regexes.map(r => `(?:${r})`),
    MAX_MATCH_SELECTOR_CHARS,
    MAX_GENERAL_REGEX_CHARS,
  );
  return [...listed, ...general].map(narrowSelector);
}
