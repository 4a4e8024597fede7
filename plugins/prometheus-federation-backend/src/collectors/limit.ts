/**
 * Maps with at most `limit` calls in flight. Per-source timeouts start when a call starts, so a
 * bounded fan-out keeps them honest on a small machine instead of queueing hundreds of handshakes.
 */
export async function mapWithLimit<T, R>(
  items: T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/** The upstream kinds a collection reads, each with its own concurrency limit. */
export const UPSTREAM_KINDS = [
  'opsPrometheus',
  'kubernetes',
  'probe',
  'dns',
  'ec2',
] as const;
export type UpstreamKind = (typeof UPSTREAM_KINDS)[number];

/** Calls in flight per kind unless configured (prometheusFederation.concurrency). */
export const DEFAULT_CONCURRENCY: Record<UpstreamKind, number> = {
  opsPrometheus: 10,
  kubernetes: 32,
  probe: 32,
  dns: 32,
  ec2: 4,
};

/** How one kind's reads went in one collection. */
export interface KindTiming {
  limit: number;
  calls: number;
  /** From the collection's start until this kind's last read ended. */
  finishedAfterMs: number;
  /** The slowest single read, from its start (not its wait for a slot). */
  slowest?: { source: string; ms: number };
}

/**
 * At most `limit` calls in flight; the others wait for a slot before they start (so their own
 * timeouts start with them). Records, per collection, how long the kind took and its slowest read.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private startedAt = Date.now();
  private signal?: AbortSignal;
  private timing: KindTiming;

  constructor(readonly limit: number) {
    this.timing = { limit, calls: 0, finishedAfterMs: 0 };
  }

  /** A new collection starts: its timing starts empty; once `signal` aborts, no queued call starts. */
  reset(at = Date.now(), signal?: AbortSignal) {
    this.startedAt = at;
    this.signal = signal;
    this.timing = { limit: this.limit, calls: 0, finishedAfterMs: 0 };
  }

  get last(): KindTiming {
    return this.timing;
  }

  async run<T>(source: string, call: () => Promise<T>): Promise<T> {
    while (this.active >= this.limit)
      await new Promise<void>(resolve => this.waiting.push(resolve));
    this.signal?.throwIfAborted();
    this.active += 1;
    const timing = this.timing;
    const start = Date.now();
    try {
      return await call();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
      const end = Date.now();
      timing.calls += 1;
      timing.finishedAfterMs = Math.max(
        timing.finishedAfterMs,
        end - this.startedAt,
      );
      if (!timing.slowest || end - start > timing.slowest.ms)
        timing.slowest = { source, ms: end - start };
    }
  }
}
