/**
 * Checks a proposed `match[]` before anyone sees it, from its text alone, as ops Prometheus and the
 * narrow action will read it: each selector is one PromQL series selector whose name regex compiles
 * under RE2, the selectors fit the narrow action's and the scrape URL's limits, and every name that
 * must stay is selected. A proposal that fails is not shown.
 */
import {
  compilePrometheusRegex,
  MAX_FEDERATE_QUERY_BYTES,
  MAX_MATCH_SELECTOR_CHARS,
  MAX_MATCH_SELECTORS,
  PrometheusRegex,
} from '@promfed/plugin-prometheus-federation-common';
import { Pacer } from './pacer';
import { parsePromql } from './promqlNames';

export interface VerifiedSelectors {
  /** What is wrong, in words; empty when the selectors may be proposed. */
  problems: string[];
  /** Which of `names` the selectors select (as compiled from their text). */
  kept: string[];
}

/** The one `__name__=~` regex of a selector, compiled; or what is wrong with it. */
function selectorRegex(selector: string): PrometheusRegex | string {
  if (selector.length > MAX_MATCH_SELECTOR_CHARS)
    return `${selector.length} characters, more than the ${MAX_MATCH_SELECTOR_CHARS} the narrow action accepts`;
  if (/[\n\r]/.test(selector)) return 'spans several lines';
  const parsed = parsePromql(selector);
  if (parsed.error) return `not PromQL: ${parsed.error}`;
  const matchers = parsed.selectors.flatMap(s => s.matchers);
  if (parsed.selectors.length !== 1 || matchers.length !== 1)
    return 'not one selector with one name matcher';
  if (matchers[0].op !== '=~') return 'not a name regex';
  return compilePrometheusRegex(matchers[0].value);
}

export async function verifySelectors(
  selectors: string[],
  names: string[],
  required: string[],
  pacer = new Pacer(),
): Promise<VerifiedSelectors> {
  const problems: string[] = [];
  if (selectors.length > MAX_MATCH_SELECTORS) {
    problems.push(
      `${selectors.length} selectors, more than ${MAX_MATCH_SELECTORS}`,
    );
  }
  const query = selectors
    .map(s => `match[]=${encodeURIComponent(s)}`)
    .join('&');
  if (query.length > MAX_FEDERATE_QUERY_BYTES) {
    problems.push(
      `the scrape URL would carry ${query.length} bytes of match[], more than ${MAX_FEDERATE_QUERY_BYTES}`,
    );
  }
  const regexes: Array<(name: string) => boolean> = [];
  for (const [i, selector] of selectors.entries()) {
    if (pacer.due()) await pacer.pause();
    const re = selectorRegex(selector);
    if (typeof re === 'string') problems.push(`selector ${i + 1}: ${re}`);
    else if (!re.valid) problems.push(`selector ${i + 1}: ${re.error}`);
    else regexes.push(re.matches);
  }
  const selects = (name: string) => regexes.some(m => m(name));
  const kept: string[] = [];
  for (const [i, name] of names.entries()) {
    if ((i & 15) === 0 && pacer.due()) await pacer.pause();
    if (selects(name)) kept.push(name);
  }
  const missing: string[] = [];
  for (const [i, name] of required.entries()) {
    if ((i & 15) === 0 && pacer.due()) await pacer.pause();
    if (!selects(name)) missing.push(name);
  }
  if (missing.length > 0) {
    problems.push(
      `used names not selected: ${missing.slice(0, 5).join(', ')}${
        missing.length > 5 ? ` and ${missing.length - 5} more` : ''
      }`,
    );
  }
  return { problems, kept };
}
