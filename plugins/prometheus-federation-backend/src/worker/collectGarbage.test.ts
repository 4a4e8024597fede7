import v8 from 'node:v8';
import { collectGarbage } from './collectGarbage';

describe('collectGarbage', () => {
  it("frees what nothing holds any more, so the heap's used size falls back", () => {
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () =>
      Array.from({ length: 20_000 }, (_, i) => i + 0.5),
    );
    const held = v8.getHeapStatistics().used_heap_size;
    expect(garbage).toHaveLength(200);
    garbage = undefined;
    collectGarbage();
    const after = v8.getHeapStatistics().used_heap_size;
    // 200 arrays of 20 000 doubles: about 32 MB, gone.
    expect(held - after).toBeGreaterThan(25_000_000);
  });
});
