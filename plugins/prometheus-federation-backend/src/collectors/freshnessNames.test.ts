import { VectorSample } from './opsPrometheusAnswers';
import { freshnessNames, MAX_NAMES } from './freshnessNames';

const count = (
  name: string,
  n: number,
  cluster = 'blue',
  app = 'shop',
): VectorSample => ({
  metric: { __name__: name, source_cluster: cluster, job: app },
  value: [1000, String(n)],
});

const histogram = (cluster = 'blue', app = 'shop') => [
  count('http_request_duration_seconds_bucket', 120, cluster, app),
  count('http_request_duration_seconds_sum', 10, cluster, app),
  count('http_request_duration_seconds_count', 10, cluster, app),
];

describe('freshnessNames', () => {
  it("reads a histogram's _count for its buckets and sum, which come from the same scrape", () => {
    expect(
      freshnessNames(
        [
          ...histogram(),
          ...histogram('green'),
          count('http_requests_total', 30),
        ],
        'job',
      ),
    ).toEqual(['http_request_duration_seconds_count', 'http_requests_total']);
  });

  it('ranks a family by all its series, not by its _count alone', () => {
    const names = freshnessNames(
      [
        ...histogram(),
        ...Array.from({ length: MAX_NAMES }, (_, i) =>
          count(`http_other_${i}_total`, 20),
        ),
      ],
      'job',
    );
    expect(names).toHaveLength(MAX_NAMES);
    expect(names[0]).toBe('http_request_duration_seconds_count');
  });

  it('keeps the buckets where a cluster or application federates them without their _count', () => {
    const names = freshnessNames(
      [
        ...histogram(),
        count('http_request_duration_seconds_bucket', 120, 'green'),
        count('http_request_duration_seconds_sum', 10, 'blue', 'cart'),
      ],
      'job',
    );
    expect(names).toEqual([
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_sum',
      'http_request_duration_seconds_count',
    ]);
  });

  it('keeps names that only look like a family member, and drops names PromQL cannot select', () => {
    expect(
      freshnessNames(
        [count('http_bucket', 5), count('http_sum', 4), count('bad name', 9)],
        'job',
      ),
    ).toEqual(['http_bucket', 'http_sum']);
  });
});
