/**
 * Grafana template variables replaced by something PromQL parses, before parsing: durations where
 * a duration goes, and a marker elsewhere that usage reads as "any value".
 */

/** Stands for a variable's value; inside a `__name__` matcher or a metric name it means `.*`. */
export const VARIABLE_MARKER = '__grafana_var__';

/** Grafana's own variable syntax: `$var`, `[[var:fmt]]`, `${var.field:fmt}`. */
const VARIABLE =
  /\$(\w+)|\[\[(\w+?)(?::\w+)?\]\]|\$\{(\w+)(?:\.[^:^}]+)?(?::[^}]+)?\}/g;

const NUMERIC_BUILTINS = new Set(['__interval_ms', '__range_ms', '__range_s']);

/**
 * Whether offsets lie inside a quoted string (PromQL's three quote kinds). Asked for increasing
 * offsets, it scans the expression once: a query with thousands of variables stays linear.
 */
function stringTracker(expr: string) {
  let position = 0;
  let quote: string | undefined;
  return (index: number): boolean => {
    for (; position < index; position++) {
      const c = expr[position];
      if (quote) {
        if (c === '\\' && quote !== '`') position++;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'" || c === '`') quote = c;
    }
    return quote !== undefined;
  };
}

/** A duration is expected after `[`, a subquery's `:`, or `offset` (read backwards from `index`). */
function durationExpected(expr: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /\s/.test(expr[i])) i--;
  if (expr[i] === '[' || expr[i] === ':') return true;
  const word = expr.slice(Math.max(0, i - 6), i + 1);
  return /(^|[^\w])offset$/i.test(word);
}

export function substituteVariables(expr: string): string {
  const insideString = stringTracker(expr);
  return expr.replace(VARIABLE, (_token, a, b, c, offset: number) => {
    const name: string = a ?? b ?? c;
    const quoted = insideString(offset);
    if (NUMERIC_BUILTINS.has(name)) return '60';
    if (name.startsWith('__') && !quoted) return '5m';
    if (quoted) return VARIABLE_MARKER;
    if (durationExpected(expr, offset)) return '5m';
    return VARIABLE_MARKER;
  });
}
