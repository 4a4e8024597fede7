/**
 * Which federated metric names the ops side uses: every selector of every rule and dashboard query,
 * counted as the known names it matches (a `__name__` regex counts as what it matches).
 */
import { DashboardQuery } from './dashboardQueries';
import { substituteVariables } from './grafanaVariables';
import { keepPattern, selectorAccepts } from './nameMatch';
import { parsePromql } from './promqlNames';
import { MetricUsage, NameSelector, UnparsableQuery } from './types';

/** Sources named per metric: enough to say why a name is kept. */
const SOURCES_PER_NAME = 5;

export function metricUsage(
  queries: DashboardQuery[],
  knownNames: string[],
): MetricUsage {
  const usedBy = new Map<string, string[]>();
  const patterns = new Set<string>();
  const selectsEverything: string[] = [];
  const unparsable: UnparsableQuery[] = [];

  const use = (source: string, selector: NameSelector) => {
    const pattern = keepPattern(selector);
    if (pattern === undefined) selectsEverything.push(source);
    else patterns.add(pattern);
    const matched = knownNames.filter(n => selectorAccepts(selector, n));
    // An exact name is used even when no cluster sends it today.
    const exact = selector.matchers.find(m => m.op === '=');
    if (exact && !matched.includes(exact.value)) matched.push(exact.value);
    for (const name of matched) {
      const sources = usedBy.get(name) ?? [];
      if (sources.length < SOURCES_PER_NAME && !sources.includes(source)) {
        sources.push(source);
      }
      usedBy.set(name, sources);
    }
    return matched;
  };

  for (const query of queries) {
    if (query.nameRegex !== undefined) {
      use(query.source, { matchers: [{ op: '=~', value: query.nameRegex }] });
      continue;
    }
    const expr = query.expr ?? '';
    const parsed = parsePromql(substituteVariables(expr));
    // A broken query's nameless fragments are noise; its named selectors are kept.
    const selectors = parsed.error
      ? parsed.selectors.filter(s => keepPattern(s) !== undefined)
      : parsed.selectors;
    const names = selectors.flatMap(s => use(query.source, s));
    if (parsed.error) {
      unparsable.push({
        source: query.source,
        expr,
        error: parsed.error,
        names: [...new Set(names)].sort(),
      });
    }
  }
  return {
    names: [...usedBy.keys()].sort(),
    keepPatterns: [...patterns].sort(),
    selectsEverything,
    usedBy: Object.fromEntries(
      [...usedBy].sort(([a], [b]) => a.localeCompare(b)),
    ),
    unparsable,
    queries: queries.length,
  };
}
