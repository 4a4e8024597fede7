/**
 * Answers kept per key for a time, with one read in flight per key: callers that arrive while a
 * read runs wait for it instead of starting their own. A failed read is not kept. Bounded: the
 * oldest key is forgotten first.
 */
export class SharedRead<T> {
  private readonly kept = new Map<string, { at: number; value: T }>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 1000,
    /** Whether an answer may be kept (a partial one should be read again). */
    private readonly keep: (value: T) => boolean = () => true,
  ) {}

  /** The kept answer when fresh, else undefined. */
  fresh(key: string): T | undefined {
    const hit = this.kept.get(key);
    return hit && this.now() - hit.at < this.ttlMs ? hit.value : undefined;
  }

  /** Whether a read of `key` is running (a caller joining it starts nothing). */
  reading(key: string): boolean {
    return this.inFlight.has(key);
  }

  /** The fresh answer, the running read's, or a new read's. */
  get(key: string, read: () => Promise<T>): Promise<T> {
    const hit = this.fresh(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = read()
      .then(value => {
        if (this.keep(value)) this.remember(key, value);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private remember(key: string, value: T) {
    this.kept.delete(key);
    this.kept.set(key, { at: this.now(), value });
    if (this.kept.size > this.maxKeys) {
      this.kept.delete(this.kept.keys().next().value!);
    }
  }
}
