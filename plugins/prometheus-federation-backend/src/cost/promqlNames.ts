/**
 * The metric-name conditions of every vector selector in one PromQL expression, read from the
 * syntax tree of the official grammar (`@prometheus-io/lezer-promql`): names, `__name__` matchers,
 * in any function, aggregation, binary operator (`or`, `unless`, `and`) or subquery.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { escapeRegexLiteral } from '@promfed/plugin-prometheus-federation-common';
import { VARIABLE_MARKER } from './grafanaVariables';
import { NameMatcher, NameSelector, ParsedQuery } from './types';

/** The grammar's node type, without depending on @lezer/common directly. */
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

const OPS = new Set(['=', '!=', '=~', '!~']);

/** The value of a PromQL string literal ("…", '…' or `…`). */
export function unquote(literal: string): string {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote === '`') return body;
  const escapes: Record<string, string> = { n: '\n', t: '\t' };
  return body.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c);
}

/** A name or value holding a Grafana variable means "any value there": a regex. */
function withVariables(matcher: NameMatcher): NameMatcher | undefined {
  if (!matcher.value.includes(VARIABLE_MARKER)) return matcher;
  if (matcher.op === '!=' || matcher.op === '!~') return undefined;
  const parts = matcher.value.split(VARIABLE_MARKER);
  const escape = matcher.op === '=' ? escapeRegexLiteral : (s: string) => s;
  return { op: '=~', value: parts.map(escape).join('.*') };
}

function text(expr: string, node: SyntaxNode): string {
  return expr.slice(node.from, node.to);
}

/** One label matcher, when it is on the metric name (`__name__`, or a bare quoted name). */
function nameMatcher(expr: string, node: SyntaxNode): NameMatcher | undefined {
  const label = node.getChild('LabelName') ?? node.getChild('QuotedLabelName');
  const op = node.getChild('MatchOp');
  const value = node.getChild('StringLiteral');
  if (!label || !op || !value) return undefined;
  const name =
    label.name === 'QuotedLabelName'
      ? unquote(text(expr, label))
      : text(expr, label);
  const opText = text(expr, op);
  if (name !== '__name__' || !OPS.has(opText)) return undefined;
  return withVariables({
    op: opText as NameMatcher['op'],
    value: unquote(text(expr, value)),
  });
}

function selectorOf(expr: string, node: SyntaxNode): NameSelector | undefined {
  const matchers: NameMatcher[] = [];
  const identifier = node.getChild('Identifier');
  if (identifier) {
    const name = text(expr, identifier);
    // A metric that is only a variable ($metric) is that variable's query's business.
    if (name === VARIABLE_MARKER) return undefined;
    const matcher = withVariables({ op: '=', value: name });
    if (matcher) matchers.push(matcher);
  }
  const list = node.getChild('LabelMatchers');
  for (let child = list?.firstChild; child; child = child.nextSibling) {
    if (child.name === 'QuotedLabelName') {
      // Prometheus 3: {"metric.name"} names the metric.
      matchers.push({ op: '=', value: unquote(text(expr, child)) });
    } else if (child.name.endsWith('LabelMatcher')) {
      const matcher = nameMatcher(expr, child);
      if (matcher) matchers.push(matcher);
    }
  }
  return { matchers };
}

export function parsePromql(expr: string): ParsedQuery {
  const tree = parser.parse(expr);
  const selectors: NameSelector[] = [];
  let error: string | undefined;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && error === undefined) {
        error = `syntax error at character ${ref.from + 1}`;
      }
      if (ref.name === 'VectorSelector') {
        const selector = selectorOf(expr, ref.node);
        if (selector) selectors.push(selector);
      }
    },
  });
  if (!expr.trim()) error = 'empty query';
  return error === undefined ? { selectors } : { selectors, error };
}
