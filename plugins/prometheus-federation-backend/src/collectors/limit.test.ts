import { Limiter } from './limit';

describe('Limiter', () => {
  it('keeps at most its limit in flight and times the kind from the collection start', async () => {
    const limiter = new Limiter(2);
    limiter.reset(Date.now());
    let inFlight = 0;
    let most = 0;
    const read = (ms: number) => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise(r => setTimeout(r, ms));
      inFlight -= 1;
      return ms;
    };
    const results = await Promise.all(
      [10, 30, 10, 10, 10].map((ms, i) => limiter.run(`read ${i}`, read(ms))),
    );
    expect(results).toEqual([10, 30, 10, 10, 10]);
    expect(most).toBe(2);
    expect(limiter.last.calls).toBe(5);
    expect(limiter.last.slowest?.source).toBe('read 1');
    expect(limiter.last.finishedAfterMs).toBeGreaterThanOrEqual(30);
    limiter.reset();
    expect(limiter.last.calls).toBe(0);
  });

  it('frees the slot of a read that fails', async () => {
    const limiter = new Limiter(1);
    await expect(
      limiter.run('x', async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await expect(limiter.run('y', async () => 'ok')).resolves.toBe('ok');
  });
});
