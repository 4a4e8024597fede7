import { BUCKET_RECOUNT_MS, BucketCounts } from './bucketCounts';
import { VectorSample } from './opsPrometheusAnswers';

const sample = (name: string, n: number, cluster = 'blue'): VectorSample => ({
  metric: { __name__: name, source_cluster: cluster, job: 'shop' },
  value: [1000, String(n)],
});
const buckets = [sample('h_bucket', 40)];

describe('BucketCounts', () => {
  it('reads the buckets again when a cluster is gone, even with the same _count totals', async () => {
    const counts = new BucketCounts(() => 0);
    const read = jest.fn(async () => buckets);
    const two = [sample('h_count', 2, 'blue'), sample('h_count', 2, 'green')];
    await counts.counts(two, read);
    await counts.counts([...two].reverse(), read);
    expect(read).toHaveBeenCalledTimes(1); // answer order does not matter
    await counts.counts([sample('h_count', 4, 'blue')], read);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('is due again after the recount interval, whatever the _count counts say', async () => {
    let now = 0;
    const counts = new BucketCounts(() => now);
    expect(counts.due()).toBe(true);
    await counts.counts([], async () => buckets);
    now = BUCKET_RECOUNT_MS - 1;
    expect(counts.due()).toBe(false);
    now = BUCKET_RECOUNT_MS;
    expect(counts.due()).toBe(true);
  });

  it('keeps nothing from a failed read: the next refresh reads again', async () => {
    const counts = new BucketCounts();
    await expect(
      counts.counts([], async () => {
        throw new Error('timeout');
      }),
    ).rejects.toThrow('timeout');
    expect(counts.due()).toBe(true);
  });
});
