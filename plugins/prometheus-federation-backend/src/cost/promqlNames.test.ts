import { substituteVariables } from './grafanaVariables';
import { parsePromql } from './promqlNames';
import { readVariableQuery } from './variableQuery';

function names(expr: string) {
  const parsed = parsePromql(substituteVariables(expr));
  return {
    error: parsed.error,
    matchers: parsed.selectors.map(s =>
      s.matchers.map(m => `${m.op}${m.value}`).join(','),
    ),
  };
}

describe('parsePromql', () => {
  it('reads names in functions, aggregations, binary operators and subqueries', () => {
    expect(
      names(
        'sum(rate(a_total{job="x"}[5m])) or b unless on(x) c and max_over_time(rate(d[1m])[1h:5m])',
      ).matchers,
    ).toEqual(['=a_total', '=b', '=c', '=d']);
  });

  it('reads __name__ matchers, exact, regex and negated', () => {
    expect(
      names(
        '{__name__="x"} + {__name__=~"http_.*", job="a"} + y{__name__!~"y_.*"}',
      ).matchers,
    ).toEqual(['=x', '=~http_.*', '=y,!~y_.*']);
  });

  it('reads label_replace arguments without taking strings for names', () => {
    expect(names('label_replace(foo, "a", "$1", "b", "(.*)")')).toEqual({
      error: undefined,
      matchers: ['=foo'],
    });
  });

  it('reads Prometheus 3 quoted names', () => {
    expect(names('{"my.metric", job="a"}').matchers).toEqual(['=my.metric']);
  });

  it('sees a selector without a name as selecting every name', () => {
    expect(names('count({job="a"})').matchers).toEqual(['']);
  });

  it('substitutes Grafana variables before parsing', () => {
    expect(
      names(
        'topk($k, rate(${prefix}_total{c=~"$cluster"}[$__rate_interval])) + x[$range] offset $off + {__name__=~"[[family]]_.*"}',
      ),
    ).toEqual({ error: undefined, matchers: ['=~.*_total', '=x', '=~.*_.*'] });
  });

  it('reports a broken query and keeps the names it could read', () => {
    const parsed = names('sum(rate(kept_total[5m])) / (sum(other_total)');
    expect(parsed.error).toMatch(/syntax error/);
    expect(parsed.matchers).toEqual(['=kept_total', '=other_total']);
  });
});

describe('readVariableQuery', () => {
  it('takes the metric out of label_values and the expression out of query_result', () => {
    expect(readVariableQuery('label_values(up{job=~"a,b"}, instance)')).toEqual(
      {
        kind: 'promql',
        expr: 'up{job=~"a,b"}',
      },
    );
    expect(readVariableQuery('label_values(instance)')).toEqual({
      kind: 'none',
    });
    expect(readVariableQuery('query_result(topk(5, x))')).toEqual({
      kind: 'promql',
      expr: 'topk(5, x)',
    });
    expect(readVariableQuery('metrics(go_)')).toEqual({
      kind: 'nameRegex',
      regex: '.*(?:go_).*',
    });
  });
});
