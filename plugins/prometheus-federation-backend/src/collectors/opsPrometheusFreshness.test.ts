import { VectorSample } from './opsPrometheusAnswers';
import { readHttpSeries } from './opsPrometheusFreshness';

const SELECTOR = '{__name__=~"http_request.*", source_cluster!=""}';

const count = (name: string, n: number): VectorSample => ({
  metric: { __name__: name, source_cluster: 'blue', job: 'shop' },
  value: [1000, String(n)],
});
const newest: VectorSample = {
  metric: { source_cluster: 'blue', job: 'shop' },
  value: [1000, '990'],
};

/** A fake ops Prometheus: answers each query and records the order they were sent in. */
function fake(counts: VectorSample[]) {
  const sent: string[] = [];
  const query = async (expr: string) => {
    sent.push(expr);
    return expr.startsWith('count by') ? counts : [newest];
  };
  return { sent, query };
}

describe('readHttpSeries', () => {
  it('reads the counts first on the first refresh, then the newest samples of their names', async () => {
    const { sent, query } = fake([count('http_requests_total', 3)]);
    const r = await readHttpSeries(query, SELECTOR, 'job');
    expect(sent[0]).toMatch(/^count by/);
    expect(sent[1]).toContain('__name__="http_requests_total"');
    expect(r.names).toEqual(['http_requests_total']);
    expect(r.newest).toEqual([newest]);
    expect(r.evaluatedAt).toBe(1000);
  });

  it('sends both at once with the known names, and no third query when they still hold', async () => {
    const { sent, query } = fake([count('a_total', 1), count('b_total', 5)]);
    const r = await readHttpSeries(query, SELECTOR, 'job', [
      'a_total',
      'b_total',
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^max by/);
    expect(r.names).toEqual(['b_total', 'a_total']);
    expect(r.newest).toEqual([newest]);
  });

  it('reads the newest samples again when the counts name other metrics', async () => {
    const { sent, query } = fake([count('c_total', 2)]);
    const r = await readHttpSeries(query, SELECTOR, 'job', ['a_total']);
    expect(sent).toHaveLength(3);
    expect(sent[2]).toContain('__name__="c_total"');
    expect(sent[2]).not.toContain('a_total');
    expect(r.names).toEqual(['c_total']);
  });

  it('fails with the counts even when the early query fails too', async () => {
    const query = async () => {
      throw new Error('bad_data');
    };
    await expect(
      readHttpSeries(query, SELECTOR, 'job', ['a_total']),
    ).rejects.toThrow('bad_data');
  });
});
