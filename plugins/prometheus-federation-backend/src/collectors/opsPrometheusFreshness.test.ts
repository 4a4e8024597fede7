import { BucketCounts } from './bucketCounts';
import { VectorSample } from './opsPrometheusAnswers';
import { readHttpSeries, withMatcher } from './opsPrometheusFreshness';

const SELECTOR = '{__name__=~"http_request.*", source_cluster!=""}';

const count = (name: string, n: number): VectorSample => ({
  metric: { __name__: name, source_cluster: 'blue', job: 'shop' },
  value: [1000, String(n)],
});
const newest: VectorSample = {
  metric: { source_cluster: 'blue', job: 'shop' },
  value: [1000, '990'],
};

const memory = (names: string[] = []) => ({
  names,
  buckets: new BucketCounts(),
});

/**
 * A fake ops Prometheus: answers each query and records the order they were sent in. The counts
 * are split as ops Prometheus would: `_bucket` names only to the bucket count.
 */
function fake(counts: VectorSample[]) {
  const sent: string[] = [];
  const query = async (expr: string) => {
    sent.push(expr);
    if (!expr.startsWith('count by')) return [newest];
    const buckets = expr.includes('__name__=~".+_bucket"');
    return counts.filter(
      c => c.metric.__name__!.endsWith('_bucket') === buckets,
    );
  };
  return { sent, query };
}

describe('readHttpSeries', () => {
  it('reads the counts first on the first refresh, then the newest samples of their names', async () => {
    const { sent, query } = fake([count('http_requests_total', 3)]);
    const r = await readHttpSeries(query, SELECTOR, 'job', memory());
    expect(sent.slice(0, 2).every(q => q.startsWith('count by'))).toBe(true);
    expect(sent[2]).toContain('__name__="http_requests_total"');
    expect(r.names).toEqual(['http_requests_total']);
    expect(r.newest).toEqual([newest]);
    expect(r.evaluatedAt).toBe(1000);
  });

  it('sends all at once with the known names, and no newest query again when they still hold', async () => {
    const { sent, query } = fake([count('a_total', 1), count('b_total', 5)]);
    const r = await readHttpSeries(
      query,
      SELECTOR,
      'job',
      memory(['a_total', 'b_total']),
    );
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^max by/);
    expect(r.names).toEqual(['b_total', 'a_total']);
    expect(r.newest).toEqual([newest]);
  });

  it('reads the newest samples again when the counts name other metrics', async () => {
    const { sent, query } = fake([count('c_total', 2)]);
    const r = await readHttpSeries(query, SELECTOR, 'job', memory(['a_total']));
    expect(sent).toHaveLength(4);
    expect(sent[3]).toContain('__name__="c_total"');
    expect(sent[3]).not.toContain('a_total');
    expect(r.names).toEqual(['c_total']);
  });

  it('fails with the counts even when the early query fails too', async () => {
    const query = async () => {
      throw new Error('bad_data');
    };
    await expect(
      readHttpSeries(query, SELECTOR, 'job', memory(['a_total'])),
    ).rejects.toThrow('bad_data');
  });

  it('counts a histogram: its buckets once, then again only when its _count count changes', async () => {
    const histogram = (n: number) => [
      count('http_request_duration_seconds_count', n),
      count('http_request_duration_seconds_bucket', n * 10),
    ];
    const kept = memory();
    const first = fake(histogram(2));
    const r1 = await readHttpSeries(first.query, SELECTOR, 'job', kept);
    expect(first.sent.filter(q => q.includes('".+_bucket"'))).toHaveLength(2);
    expect(r1.counts.map(c => c.value[1])).toEqual(['2', '20']);
    // The same _count counts: the buckets are not counted again, and are still part of the counts.
    const same = fake(histogram(2));
    const r2 = await readHttpSeries(same.query, SELECTOR, 'job', kept);
    expect(same.sent.filter(q => q.includes('=~".+_bucket"'))).toHaveLength(0);
    expect(r2.counts.map(c => c.value[1])).toEqual(['2', '20']);
    // One more label set: the buckets are counted again.
    const grown = fake(histogram(3));
    const r3 = await readHttpSeries(grown.query, SELECTOR, 'job', kept);
    expect(grown.sent.filter(q => q.includes('=~".+_bucket"'))).toHaveLength(1);
    expect(r3.counts.map(c => c.value[1])).toEqual(['3', '30']);
  });
});

describe('withMatcher', () => {
  it('adds a matcher to a selector of any form', () => {
    expect(withMatcher('{a="b"}', 'c!=""')).toBe('{a="b", c!=""}');
    expect(withMatcher('up', 'c!=""')).toBe('up{c!=""}');
    expect(withMatcher('up{}', 'c!=""')).toBe('up{c!=""}');
  });
});
