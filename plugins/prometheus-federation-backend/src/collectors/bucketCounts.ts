/**
 * Histogram bucket series, counted again only when their number can have changed. At a thousand
 * clusters the `_bucket` series are most of the http series, and counting them is most of ops
 * Prometheus' work per refresh: each series is read at the evaluation time. A histogram has one
 * `_count` series per label set and one `_bucket` series per label set and bucket, so the bucket
 * count moves with the `_count` counts: it is read again whenever one of those changed, and at
 * least every BUCKET_RECOUNT_MS (for bucket boundaries that change alone).
 */
import { VectorSample } from './opsPrometheusAnswers';

export const BUCKET_RECOUNT_MS = 5 * 60_000;

/** The `_count` series' counts by name, cluster and application, in any answer order. */
function histogramCounts(others: VectorSample[]): Map<string, string> {
  const counts = new Map<string, string>();
  for (const { metric, value } of others) {
    const name = metric.__name__ ?? '';
    if (!name.endsWith('_count')) continue;
    const { __name__: _name, ...rest } = metric;
    counts.set(`${name}\u0000${JSON.stringify(rest)}`, String(value[1]));
  }
  return counts;
}

function sameCounts(a: Map<string, string>, b: Map<string, string>) {
  if (a.size !== b.size) return false;
  for (const [key, n] of a) if (b.get(key) !== n) return false;
  return true;
}

export class BucketCounts {
  constructor(private readonly clock: () => number = Date.now) {}

  private kept?: {
    samples: VectorSample[];
    histograms: Map<string, string>;
    readAt: number;
  };

  /** Whether the kept bucket counts are too old to use whatever the other counts say. */
  due(): boolean {
    return !this.kept || this.clock() - this.kept.readAt >= BUCKET_RECOUNT_MS;
  }

  /**
   * The bucket counts for this refresh: `read` (started early when due) or the kept ones while
   * the `_count` counts in `others`, this refresh's other counts, are the kept ones' own.
   */
  async counts(
    others: VectorSample[],
    read: () => Promise<VectorSample[]>,
    early?: Promise<VectorSample[]>,
  ): Promise<VectorSample[]> {
    const now = this.clock();
    const histograms = histogramCounts(others);
    const kept = this.kept;
    if (
      !early &&
      kept &&
      !this.due() &&
      sameCounts(kept.histograms, histograms)
    )
      return kept.samples;
    const samples = await (early ?? read());
    this.kept = { samples, histograms, readAt: now };
    return samples;
  }
}
