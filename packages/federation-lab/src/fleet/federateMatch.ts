import { compilePrometheusRegex } from '@promfed/plugin-prometheus-federation-common';

/**
 * Which metric names a `/federate?match[]=...` selects. The fleet serves names only: a bare name,
 * `{__name__="x"}` or `{__name__=~"re"}` (fully anchored, as in PromQL); other label matchers
 * are not applied (the fleet's leaves differ only by name). No `match[]` selects nothing, as
 * Prometheus answers.
 */
export function nameMatcher(selectors: string[]): (name: string) => boolean {
  const tests = selectors.map(selector => {
    const s = selector.trim();
    const bare = /^([a-zA-Z_:][\w:]*)(\{.*\})?$/.exec(s);
    if (bare) return (name: string) => name === bare[1];
    const equal = /__name__\s*=\s*"([^"]*)"/.exec(s);
    if (equal) return (name: string) => name === equal[1];
    const regex = /__name__\s*=~\s*"((?:[^"\\]|\\.)*)"/.exec(s);
    if (regex) {
      // Prometheus' semantics (RE2, anchored); a regex the leaf would refuse selects nothing.
      const re = compilePrometheusRegex(regex[1].replace(/\\\\/g, '\\'));
      return (name: string) => re.valid && re.matches(name);
    }
    return () => true;
  });
  return name => tests.some(t => t(name));
}

/** How many distinct `match[]` lists the fleet remembers (a scrape job asks with one). */
const MATCHERS_KEPT = 64;

/**
 * nameMatcher per distinct `match[]` list, each remembering its answer per name: every leaf
 * is scraped with the same list, and matching 200 names through RE2 on each of 1000 scrapes every
 * 15 s was the fleet process's largest cost after TLS.
 */
export function cachedNameMatchers(): (
  selectors: string[],
) => (name: string) => boolean {
  const matchers = new Map<string, (name: string) => boolean>();
  return selectors => {
    const key = JSON.stringify(selectors);
    let matcher = matchers.get(key);
    if (!matcher) {
      const test = nameMatcher(selectors);
      const answers = new Map<string, boolean>();
      matcher = name => {
        let answer = answers.get(name);
        if (answer === undefined) {
          answer = test(name);
          answers.set(name, answer);
        }
        return answer;
      };
      if (matchers.size >= MATCHERS_KEPT) matchers.clear();
      matchers.set(key, matcher);
    }
    return matcher;
  };
}
