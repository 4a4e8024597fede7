/**
 * The PromQL inside a Grafana Prometheus variable's query: `label_values(metric, label)`,
 * `query_result(expr)`, `metrics(regex)`, or a plain expression. `label_values(label)` alone reads
 * no metric. The wrapper is Grafana's, not PromQL: only it is taken apart here; the inside goes to
 * the PromQL parser.
 */

export type VariableQuery =
  | { kind: 'promql'; expr: string }
  | { kind: 'nameRegex'; regex: string }
  | { kind: 'none' };

/** The text between the call's parentheses, or undefined when `query` is not that call. */
function callArguments(query: string, fn: string): string | undefined {
  const trimmed = query.trim();
  if (!trimmed.startsWith(fn) || !/^\s*\(/.test(trimmed.slice(fn.length)))
    return undefined;
  if (!trimmed.endsWith(')')) return undefined;
  return trimmed.slice(trimmed.indexOf('(') + 1, -1);
}

/** Index of the last comma outside parentheses, braces, brackets and strings. */
function lastTopLevelComma(args: string): number {
  let depth = 0;
  let quote: string | undefined;
  let last = -1;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) depth--;
    else if (c === ',' && depth === 0) last = i;
  }
  return last;
}

/** A variable's query as Grafana stores it: a string, or `{query: …}` in newer versions. */
export function variableQueryText(query: unknown): string | undefined {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object') {
    const inner = (query as { query?: unknown }).query;
    if (typeof inner === 'string') return inner;
  }
  return undefined;
}

export function readVariableQuery(query: string): VariableQuery {
  const labelValues = callArguments(query, 'label_values');
  if (labelValues !== undefined) {
    const comma = lastTopLevelComma(labelValues);
    const metric = comma < 0 ? '' : labelValues.slice(0, comma).trim();
    return metric ? { kind: 'promql', expr: metric } : { kind: 'none' };
  }
  const result = callArguments(query, 'query_result');
  if (result !== undefined) return { kind: 'promql', expr: result };
  const metrics = callArguments(query, 'metrics');
  if (metrics !== undefined) {
    // Grafana's metrics(regex) is unanchored: it lists names containing a match.
    return { kind: 'nameRegex', regex: `.*(?:${metrics.trim()}).*` };
  }
  if (/^label_names\s*\(/.test(query.trim())) return { kind: 'none' };
  return query.trim() ? { kind: 'promql', expr: query } : { kind: 'none' };
}
