import { selectorsKeepProblem } from './selectorNames';

describe('selectorsKeepProblem', () => {
  const kept = ['up', 'http_requests_total', 'node_load1', 'kube_pod_info'];

  it('accepts selectors that admit exactly the kept names', () => {
    expect(
      selectorsKeepProblem(
        [
          '{__name__=~"up|http_requests_total"}',
          'node_load1',
          "{__name__='kube_pod_info'}",
        ],
        kept,
      ),
    ).toBeUndefined();
    // Anchored like Prometheus: "up" does not admit "upstream".
    expect(selectorsKeepProblem(['{__name__=~"up"}'], ['up'])).toBeUndefined();
  });

  it('refuses a selector that admits none of the kept names, read as RE2', () => {
    expect(selectorsKeepProblem(['{__name__=~"(a+)+$"}'], kept)).toBe(
      'selector {__name__=~"(a+)+$"} admits none of the kept names',
    );
  });

  it('refuses names left open, names not kept, kept names left out and invalid regexes', () => {
    expect(selectorsKeepProblem(['{__name__=~".+"}'], kept)).toBe(
      'selector {__name__=~".+"} admits every metric name, not only the kept ones',
    );
    expect(selectorsKeepProblem(['{job="x"}'], kept)).toBe(
      'selector {job="x"} admits every metric name, not only the kept ones',
    );
    expect(selectorsKeepProblem(['{__name__=~"up|node_cpu"}'], ['up'])).toBe(
      'selector {__name__=~"up|node_cpu"} admits node_cpu, which the kept names do not list',
    );
    expect(selectorsKeepProblem(['up'], ['up', 'node_load1'])).toBe(
      'no selector admits the kept name(s) node_load1',
    );
    expect(selectorsKeepProblem(['{__name__=~"a(?=b)"}'], ['a'])).toMatch(
      /^selector .*: .*invalid regex/,
    );
  });
});
