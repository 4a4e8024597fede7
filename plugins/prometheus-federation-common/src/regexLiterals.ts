/**
 * Regexes that only list literal names (`a|b\.c|d`): built by escaping, read back as a set. Both
 * sides use RE2's escapes, so a name survives the round trip.
 */

/** RE2's metacharacters; escaped with a backslash they stand for themselves. */
const META = /[.*+?^${}()|[\]\\]/g;

/** Escapes a name so that it stands for itself inside a Prometheus (RE2) regex. */
export function escapeRegexLiteral(name: string): string {
  return name.replace(META, '\\$&');
}

/** RE2 escapes of punctuation (`\.`): each stands for that character. */
const ESCAPE = /\\[!-/:-@[-`{-~]/g;
/** What a literal list may hold once its escapes are removed: characters standing for themselves, and `|`. */
const PLAIN_OR_BAR = /^[A-Za-z0-9_:\-=,;!@%&'"<>/~# |]*$/;
/**
 * The names `pattern` lists when it is only literal alternatives (`a|b\.c`), else undefined.
 * Such a pattern matches exactly those names, fully anchored. Linear in the pattern: two scans
 * with fixed expressions of this file, no backtracking. Names are flat slices of the pattern
 * (not strings built by concatenation, which are slow to sort and hash).
 */
export function literalUnion(pattern: string): string[] | undefined {
  if (!PLAIN_OR_BAR.test(pattern.replace(ESCAPE, ''))) return undefined;
  if (!pattern.includes('\\')) return pattern.split('|');
  const names: string[] = [];
  let start = 0;
  for (let i = 0; i <= pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (i === pattern.length || pattern[i] === '|') {
      names.push(pattern.slice(start, i).replace(ESCAPE, e => e[1]));
      start = i + 1;
    }
  }
  return names;
}
