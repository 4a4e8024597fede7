/**
 * Which federated metric names the ops side uses: every selector of every rule and dashboard query,
 * counted as the known names it matches (a `__name__` regex counts as what it matches, under
 * Prometheus' RE2 semantics). A regex that does not compile, or is too long to evaluate, is named
 * and counts as "may use any name": a proposal never drops what an unreadable query might need.
 */
import { DashboardQuery } from './dashboardQueries';
import { substituteVariables } from './grafanaVariables';
import { invalidMatcher, keepPattern, namesAccepted } from './nameMatch';
import { Pacer } from './pacer';
import { parsePromql } from './promqlNames';
import { byText } from './textOrder';
import {
  InvalidRegex,
  MetricUsage,
  NameSelector,
  UnparsableQuery,
} from './types';

/**
 * Longest query read. Reading is linear, but a 300 000-character query still holds the event loop
 * for tens of milliseconds in one piece; a longer one counts as reading any name.
 */
export const MAX_QUERY_CHARS = 65536;

/** Sources named per metric: enough to say why a name is kept. */
const SOURCES_PER_NAME = 5;

function selectorKey(selector: NameSelector): string {
  return JSON.stringify(selector.matchers);
}

export async function metricUsage(
  queries: DashboardQuery[],
  knownNames: string[],
  pacer = new Pacer(),
): Promise<MetricUsage> {
  const known = new Set(knownNames);
  const usedBy = new Map<string, string[]>();
  const byOwner = new Map<string, Set<string>>();
  const patterns = new Set<string>();
  const selectsEverything: string[] = [];
  const unparsable: UnparsableQuery[] = [];
  const invalidRegexes: InvalidRegex[] = [];
  // The same selector recurs across panels: match it once.
  const accepted = new Map<string, string[]>();

  const use = async (query: DashboardQuery, selector: NameSelector) => {
    const invalid = invalidMatcher(selector);
    if (invalid) {
      invalidRegexes.push({ source: query.source, ...invalid });
      selectsEverything.push(query.source);
      return [];
    }
    if (pacer.due()) await pacer.pause();
    const pattern = keepPattern(selector);
    if (pattern === undefined) selectsEverything.push(query.source);
    else patterns.add(pattern);
    const key = selectorKey(selector);
    let matched = accepted.get(key);
    if (!matched) {
      matched = await namesAccepted(selector, knownNames, known, pacer);
      // An exact name is used even when no cluster sends it today.
      const exact = selector.matchers.find(m => m.op === '=');
      if (exact && !matched.includes(exact.value)) matched.push(exact.value);
      accepted.set(key, matched);
    }
    const owner = query.owner ?? query.source;
    const owned = byOwner.get(owner) ?? new Set<string>();
    byOwner.set(owner, owned);
    for (const name of matched) {
      owned.add(name);
      const sources = usedBy.get(name) ?? [];
      if (
        sources.length < SOURCES_PER_NAME &&
        !sources.includes(query.source)
      ) {
        sources.push(query.source);
      }
      usedBy.set(name, sources);
    }
    return matched;
  };

  for (const query of queries) {
    if (pacer.due()) await pacer.pause();
    if (query.nameRegex !== undefined) {
      await use(query, { matchers: [{ op: '=~', value: query.nameRegex }] });
      continue;
    }
    const expr = query.expr ?? '';
    if (expr.length > MAX_QUERY_CHARS) {
      unparsable.push({
        source: query.source,
        expr: `${expr.slice(0, 200)}…`,
        error: `query of ${expr.length} characters, longer than the ${MAX_QUERY_CHARS} read: counts as reading any name`,
        names: [],
      });
      selectsEverything.push(query.source);
      continue;
    }
    const substituted = substituteVariables(expr);
    if (pacer.due()) await pacer.pause();
    const parsed = parsePromql(substituted);
    // A broken query's nameless fragments are noise; its named selectors are kept.
    const selectors = parsed.error
      ? parsed.selectors.filter(s => keepPattern(s) !== undefined)
      : parsed.selectors;
    const names: string[] = [];
    for (const selector of selectors) {
      if (pacer.due()) await pacer.pause();
      names.push(...(await use(query, selector)));
    }
    if (parsed.error) {
      unparsable.push({
        source: query.source,
        expr,
        error: parsed.error,
        names: [...new Set(names)].sort(),
      });
    }
  }
  if (pacer.due()) await pacer.pause();
  return {
    names: [...usedBy.keys()].sort(),
    keepPatterns: [...patterns].sort(),
    selectsEverything,
    usedBy: Object.fromEntries([...usedBy].sort(([a], [b]) => byText(a, b))),
    namesByOwner: [...byOwner]
      .filter(([, names]) => names.size > 0)
      .map(([owner, names]) => ({ owner, names: [...names].sort() }))
      .sort((a, b) => byText(a.owner, b.owner)),
    unparsable,
    invalidRegexes,
    queries: queries.length,
  };
}
