import { parser } from '@prometheus-io/lezer-promql';
import { compilePrometheusRegex } from '@promfed/plugin-prometheus-federation-common';

/**
 * Which metric names a series selector admits, read with the official PromQL grammar and
 * Prometheus' regex semantics (RE2, fully anchored): its metric name and every `__name__`
 * matcher. `constrained` is false when nothing limits the name. `literals` lists the names a
 * `=` or a plain alternation (`a|b`) spells out, to compare with the kept names.
 */
export function selectorNames(selector: string):
  | {
      ok: true;
      constrained: boolean;
      literals: string[];
      matches(name: string): boolean;
    }
  | { ok: false; error: string } {
  const tree = parser.parse(selector);
  const tests: Array<(name: string) => boolean> = [];
  const literals: string[] = [];
  let error: string | undefined;
  tree.iterate({
    enter(n) {
      if (n.name === 'QuotedLabelMatcher')
        error = 'quoted label names are not read';
      if (n.name === 'Identifier' && n.node.parent?.name === 'VectorSelector') {
        const name = selector.slice(n.from, n.to);
        tests.push(v => v === name);
        literals.push(name);
      }
      if (n.name !== 'UnquotedLabelMatcher') return;
      const label = n.node.getChild('LabelName');
      const op = n.node.getChild('MatchOp')?.firstChild?.name;
      const value = n.node.getChild('StringLiteral');
      if (!label || !op || !value) return;
      if (selector.slice(label.from, label.to) !== '__name__') return;
      const text = unquote(selector.slice(value.from, value.to));
      if (op === 'EqlSingle' || op === 'Neq') {
        const eq = op === 'EqlSingle';
        tests.push(v => (v === text) === eq);
        if (eq) literals.push(text);
        return;
      }
      const re = compilePrometheusRegex(text);
      if (!re.valid) {
        error = `${text}: ${re.error}`;
        return;
      }
      const eq = op === 'EqlRegex';
      tests.push(v => re.matches(v) === eq);
      if (
        eq &&
        /^[a-zA-Z_:][a-zA-Z0-9_:]*(\|[a-zA-Z_:][a-zA-Z0-9_:]*)*$/.test(text)
      )
        literals.push(...text.split('|'));
    },
  });
  if (error) return { ok: false, error };
  return {
    ok: true,
    constrained: tests.length > 0,
    literals,
    matches: name => tests.every(t => t(name)),
  };
}

/** A PromQL string literal's value: double quotes as JSON, single quotes alike, backticks raw. */
function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) return body;
  if (literal.startsWith("'"))
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`);
  return JSON.parse(literal);
}

/** A name no one keeps: a selector that admits it admits any name (`.+`, `!=""`). */
const UNKEPT_NAME = 'promfed_name_no_dashboard_uses_0';

/**
 * Why `selectors` do not keep exactly `keptNames`, or undefined when they do: every kept name
 * is admitted by a selector, every selector admits a kept name, no selector leaves the name
 * open, and no name a selector spells out is missing from the kept ones.
 */
export function selectorsKeepProblem(
  selectors: string[],
  keptNames: string[],
): string | undefined {
  const read = selectors.map(s => ({ s, names: selectorNames(s) }));
  for (const { s, names } of read) {
    if (!names.ok) return `selector ${s}: ${names.error}`;
    if (!names.constrained || names.matches(UNKEPT_NAME))
      return `selector ${s} admits every metric name, not only the kept ones`;
    if (!keptNames.some(n => names.matches(n)))
      return `selector ${s} admits none of the kept names`;
    const extra = names.literals.filter(
      l => names.matches(l) && !keptNames.includes(l),
    );
    if (extra.length > 0)
      return `selector ${s} admits ${extra.join(
        ', ',
      )}, which the kept names do not list`;
  }
  const missed = keptNames.filter(
    n => !read.some(({ names }) => names.ok && names.matches(n)),
  );
  if (missed.length > 0)
    return `no selector admits the kept name(s) ${missed.join(', ')}`;
  return undefined;
}
