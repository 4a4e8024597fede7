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
    const bar = group.length ? 1 : 0;
    const addChars = quoted(alt).length + bar;
    const addRegex = alt.length + bar;
    if (
      bar &&
      (chars + addChars > maxChars || regexChars + addRegex > maxRegex)
    ) {
      groups.push(group);
      group = [];
      chars = HEAD.length + TAIL.length + addChars - 1;
      regexChars = addRegex - 1;
    } else {
      chars += addChars;
      regexChars += addRegex;
    }
    group.push(alt);
  }
  if (group.length) groups.push(group);
  return groups;
}

/**
 * What a proposal keeps, as names and regexes: the listed names (given, or from a regex that only
 * lists names) and the regexes that remain.
 */
export function keptParts(
  names: string[],
  patterns: string[],
): { names: string[]; regexes: string[] } {
  const listed = new Set(names);
  const regexes = new Set<string>();
  for (const pattern of patterns) {
    const inside = literalUnion(pattern);
    if (inside) inside.forEach(n => listed.add(n));
    else regexes.add(pattern);
  }
  return { names: [...listed].sort(), regexes: [...regexes].sort() };
}

export function matchSelectors(parts: {
  names: string[];
  regexes: string[];
}): string[] {
  const listed = chunk(
    parts.names.map(escapeRegexLiteral),
    MAX_MATCH_SELECTOR_CHARS,
    Infinity,
  );
  const general = chunk(
    parts.regexes.map(r => `(?:${r})`),
    MAX_MATCH_SELECTOR_CHARS,
    MAX_GENERAL_REGEX_CHARS,
  );
  return [...listed, ...general].map(narrowSelector);
}
