import v8 from 'node:v8';
import { collectGarbage } from './collectGarbage';

describe('collectGarbage', () => {
  it('frees what nothing holds any more and shrinks the heap to what is live', () => {
    // What earlier test files in this process left goes first.
    collectGarbage();
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () =>
      Array.from({ length: 20_000 }, (_, i) => i + 0.5),
    );
    const held = v8.getHeapStatistics();
    expect(garbage).toHaveLength(200);
    garbage = undefined;
    collectGarbage();
    const after = v8.getHeapStatistics();
    // 200 arrays of 20 000 doubles: about 32 MB, gone.
    const freed = held.used_heap_size - after.used_heap_size;
    expect(freed).toBeGreaterThan(25_000_000);
    // And the pages the heap grew by for them given back: a plain major collection keeps those.
    expect(held.total_heap_size - after.total_heap_size).toBeGreaterThan(
      freed + 10_000_000,
    );
  });
});
