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

/** True when `index` lies inside a quoted string of `expr` (PromQL's three quote kinds). */
function insideString(expr: string, index: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < index; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
  }
  return quote !== undefined;
}

/** A duration is expected after `[`, a subquery's `:`, or `offset`. */
function durationExpected(before: string): boolean {
  const text = before.trimEnd();
  return /[[:]$/.test(text) || /\boffset$/i.test(text);
}

export function substituteVariables(expr: string): string {
  return expr.replace(VARIABLE, (_token, a, b, c, offset: number) => {
    const name: string = a ?? b ?? c;
    if (NUMERIC_BUILTINS.has(name)) return '60';
    if (name.startsWith('__') && !insideString(expr, offset)) return '5m';
    if (insideString(expr, offset)) return VARIABLE_MARKER;
    if (durationExpected(expr.slice(0, offset))) return '5m';
    return VARIABLE_MARKER;
  });
}
