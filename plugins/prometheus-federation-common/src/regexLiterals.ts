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

/** An RE2 escape of punctuation (`\.`): stands for that character. */
const PUNCTUATION = /^[!-/:-@[-`{-~]$/;
/** Characters that stand for themselves unescaped. */
const PLAIN = /^[A-Za-z0-9_:\-=,;!@%&'"<>\/~# ]$/;

/**
 * The names `pattern` lists when it is only literal alternatives (`a|b\.c`), else undefined.
 * Such a pattern matches exactly those names, fully anchored.
 */
export function literalUnion(pattern: string): string[] | undefined {
  const names: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '|') {
      names.push(current);
      current = '';
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || !PUNCTUATION.test(next)) return undefined;
      current += next;
      i++;
    } else if (PLAIN.test(c)) {
      current += c;
    } else {
      return undefined;
    }
  }
  names.push(current);
  return names;
}
