import { addClusterToAlertRules } from './alertRules';

const rule = (expr: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: g\n      rules:\n        - alert: A\n          expr: ${expr}\n`;

describe('addClusterToAlertRules', () => {
  it('adds to name lists, in quoted scalars too', () => {
    const result = addClusterToAlertRules(
      rule('"up{source_cluster=~\\"blue|green\\"} == 0"'),
      'purple',
    );
    expect(result.content).toContain('source_cluster=~\\"blue|green|purple\\"');
  });

  it('leaves patterns alone', () => {
    const content = rule('up{job=~"federate-.*"} == 0');
    expect(addClusterToAlertRules(content, 'purple')).toEqual({
      content,
      status: 'unchanged',
    });
  });

  it('does not list a cluster twice', () => {
    const content = rule('x{source_cluster=~"blue|purple"}');
    expect(addClusterToAlertRules(content, 'purple').status).toBe('unchanged');
  });

  it('refuses a file that is not a PrometheusRule', () => {
    expect(() => addClusterToAlertRules('kind: ConfigMap\n', 'purple')).toThrow(
      'not a PrometheusRule',
    );
  });
});
