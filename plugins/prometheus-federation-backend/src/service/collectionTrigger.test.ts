import { mockServices } from '@backstage/backend-test-utils';
import { CollectionTrigger } from './collectionTrigger';

/** Timers alive in this process: a wait that outlives its backend keeps a Jest worker alive. */
const timers = () =>
  process.getActiveResourcesInfo().filter(kind => kind === 'Timeout').length;

describe('CollectionTrigger', () => {
  it('ends a wait for a snapshot when the backend stops: no timer is left and no run is asked after', async () => {
    const stopping = new AbortController();
    // The global task runs somewhere, but no snapshot ever lands.
    const trigger = jest.fn(async () => undefined);
    const asks = new CollectionTrigger(
      trigger,
      mockServices.logger.mock(),
      stopping.signal,
    );
    const wait = asks.askUntil(60_000, async () => undefined);
    wait.catch(() => undefined);
    // It asks again after a second without a snapshot.
    await new Promise(r => setTimeout(r, 1200));
    expect(trigger).toHaveBeenCalledTimes(2);

    // Jest keeps timers of its own: the wait's poll is the one that goes.
    const waiting = timers();
    const started = Date.now();
    stopping.abort(new Error('the backend is stopping'));
    await expect(wait).rejects.toThrow('the backend is stopping');
    expect(Date.now() - started).toBeLessThan(100);
    expect(timers()).toBe(waiting - 1);
    await asks.ask();
    asks.askForFirst();
    expect(trigger).toHaveBeenCalledTimes(2);
  });

  it('still finds the snapshot that lands while it waits', async () => {
    const asks = new CollectionTrigger(
      jest.fn(async () => undefined),
      mockServices.logger.mock(),
      new AbortController().signal,
    );
    let polls = 0;
    const found = await asks.askUntil(5_000, async () =>
      ++polls === 3 ? 'snapshot' : undefined,
    );
    expect(found).toBe('snapshot');
  });
});
