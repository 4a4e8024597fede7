import {
  addClusterToAlertRules,
  removeClusterFromAlertRules,
} from './alertRules';

const rule = (expr: string, alert = 'A') =>
  `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: ${alert}\n          expr: ${expr}\n`;

/** Adding then removing gives the file back byte for byte. */
function roundTrip(content: string) {
  const added = addClusterToAlertRules(content, 'purple');
  expect(added.status).toBe('added');
  const removed = removeClusterFromAlertRules(added.content, 'purple');
  expect(removed.content).toBe(content);
  return added;
}

describe('addClusterToAlertRules', () => {
  it('adds to name lists, in quoted scalars too', () => {
    const result = roundTrip(
      rule('"up{source_cluster=~\\"blue|green\\"} == 0"'),
    );
    expect(result.content).toContain('source_cluster=~\\"blue|green|purple\\"');
    expect(result.notes).toEqual(['now list `purple`: `A`']);
  });

  it('adds a per-cluster absent() joined by or', () => {
    const result = roundTrip(
      rule(
        '|\n            absent(up{source_cluster="blue"})\n            or absent(up{source_cluster="green"})\n          for: 5m',
      ),
    );
    expect(result.content).toContain(
      '            or absent(up{source_cluster="green"})\n            or absent(up{source_cluster="purple"})\n',
    );
  });

  it('adds per-cluster selectors joined by or, inside parentheses and with job names', () => {
    const result = roundTrip(
      rule(
        'sum(rate(x[5m])) > 0 and (up{job="federate-blue"} == 0 or up{job="federate-green"} == 0)',
      ),
    );
    expect(result.content).toContain(
      'or up{job="federate-green"} == 0 or up{job="federate-purple"} == 0)',
    );
  });

  it('names a rule it cannot update, and why', () => {
    const content = rule('up{source_cluster="blue"} == 0', 'BlueDown');
    const result = addClusterToAlertRules(content, 'purple');
    expect(result.status).toBe('unchanged');
    expect(result.notes).toEqual([
      '**not updated, edit by hand**: `BlueDown`: it names `source_cluster="blue"` outside a list of clusters (a regex alternation or per-cluster parts joined by `or`)',
    ]);
  });

  it('names per-cluster parts that differ', () => {
    const result = addClusterToAlertRules(
      rule(
        'absent(a{source_cluster="blue"}) or absent(b{source_cluster="green"})',
      ),
      'purple',
    );
    expect(result.status).toBe('unchanged');
    expect(result.notes![0]).toContain(
      'per-cluster parts joined by `or` differ',
    );
  });

  it('names folded expressions', () => {
    const result = addClusterToAlertRules(
      rule('>\n            up{source_cluster=~"blue|green"} == 0'),
      'purple',
    );
    expect(result.notes![0]).toContain('folded block');
  });

  it('leaves patterns alone', () => {
    const content = rule('up{job=~"federate-.*"} == 0');
    expect(addClusterToAlertRules(content, 'purple')).toEqual({
      content,
      status: 'unchanged',
      notes: [],
    });
  });

  it('does not list a cluster twice', () => {
    const content = rule(
      'x{source_cluster=~"blue|purple"} or y{source_cluster="blue"} or y{source_cluster="purple"}',
    );
    expect(addClusterToAlertRules(content, 'purple').status).toBe('unchanged');
  });

  it('refuses a file that is not a PrometheusRule', () => {
    expect(() => addClusterToAlertRules('kind: ConfigMap\n', 'purple')).toThrow(
      'not a PrometheusRule',
    );
  });
});

describe('removeClusterFromAlertRules', () => {
  it('removes the first name and the first part too', () => {
    const result = removeClusterFromAlertRules(
      rule(
        'x{source_cluster=~"purple|blue"} or (y{source_cluster="purple"} or y{source_cluster="blue"})',
      ),
      'purple',
    );
    expect(result.content).toContain(
      'expr: x{source_cluster=~"blue"} or (y{source_cluster="blue"})',
    );
  });

  it('will not empty a list', () => {
    const content = rule('x{source_cluster=~"purple"}');
    const result = removeClusterFromAlertRules(content, 'purple');
    expect(result.content).toBe(content);
    expect(result.notes![0]).toContain('lists only purple');
  });
});
