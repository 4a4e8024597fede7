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
