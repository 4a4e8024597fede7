import { CollectionClock } from './collectionClock';

describe('CollectionClock', () => {
  it('announces the time limit until a collection finished, then the last duration', () => {
    let now = 1_000_000;
    const clock = new CollectionClock(30_000, () => now);
    expect(clock.firstCollection()).toEqual({
      since: new Date(1_000_000).toISOString(),
      dueInSeconds: 30,
    });
    now += 10_000;
    expect(clock.firstCollection().dueInSeconds).toBe(20);
    clock.started();
    now += 12_000;
    clock.finished();
    // A collection that started now, taking as long as the last one (12 s).
    clock.started();
    now += 2_000;
    expect(clock.firstCollection().dueInSeconds).toBe(10);
    now += 60_000;
    expect(clock.firstCollection().dueInSeconds).toBe(0);
  });
});
