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
export function unquote(quoted: string): string {
  const quote = quoted[0];
  const body = quoted.slice(1, -1);
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

/** The expression as parsed, with its long string literals stood in for (`shortenStrings`). */
interface Source {
  text: string;
  long: Map<string, string>;
}

function text(source: Source, node: SyntaxNode): string {
  return source.text.slice(node.from, node.to);
}

/** A string literal's value, the original one when a stand-in was parsed. */
function literal(source: Source, node: SyntaxNode): string {
  const raw = text(source, node);
  return unquote(source.long.get(raw) ?? raw);
}

/** String literals longer than this are parsed as a short stand-in. */
const LONG_STRING = 256;

/**
 * The expression with each long string literal replaced by a short one, and the originals. The
 * grammar reads a 300 000-character regex (a union of 10 000 names) in a third of a second of one
 * core; its value is all that is needed of it, and one linear scan finds it.
 */
export function shortenStrings(expr: string): Source {
  const long = new Map<string, string>();
  let out = '';
  let copied = 0;
  for (let i = 0; i < expr.length; i++) {
    const quote = expr[i];
    if (quote !== '"' && quote !== "'" && quote !== '`') continue;
    let end = i + 1;
    while (end < expr.length && expr[end] !== quote) {
      if (expr[end] === '\\' && quote !== '`') end++;
      end++;
    }
    if (end >= expr.length) break;
    if (end - i > LONG_STRING) {
      const standIn = `"__long_string_${long.size}__"`;
      long.set(standIn, expr.slice(i, end + 1));
      out += expr.slice(copied, i) + standIn;
      copied = end + 1;
    }
    i = end;
  }
  return { text: out + expr.slice(copied), long };
}

/** One label matcher, when it is on the metric name (`__name__`, or a bare quoted name). */
function nameMatcher(expr: Source, node: SyntaxNode): NameMatcher | undefined {
  const label = node.getChild('LabelName') ?? node.getChild('QuotedLabelName');
  const op = node.getChild('MatchOp');
  const value = node.getChild('StringLiteral');
  if (!label || !op || !value) return undefined;
  const name =
    label.name === 'QuotedLabelName' ? literal(expr, label) : text(expr, label);
  const opText = text(expr, op);
  if (name !== '__name__' || !OPS.has(opText)) return undefined;
  return withVariables({
    op: opText as NameMatcher['op'],
    value: literal(expr, value),
  });
}

function selectorOf(expr: Source, node: SyntaxNode): NameSelector | undefined {
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
      matchers.push({ op: '=', value: literal(expr, child) });
    } else if (child.name.endsWith('LabelMatcher')) {
      const matcher = nameMatcher(expr, child);
      if (matcher) matchers.push(matcher);
    }
  }
  return { matchers };
}

export function parsePromql(expr: string): ParsedQuery {
  const source = shortenStrings(expr);
  const tree = parser.parse(source.text);
  const selectors: NameSelector[] = [];
  let error: string | undefined;
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && error === undefined) {
        error = `syntax error at character ${ref.from + 1}`;
      }
      if (ref.name === 'VectorSelector') {
        const selector = selectorOf(source, ref.node);
        if (selector) selectors.push(selector);
      }
    },
  });
  if (!expr.trim()) error = 'empty query';
  return error === undefined ? { selectors } : { selectors, error };
}
