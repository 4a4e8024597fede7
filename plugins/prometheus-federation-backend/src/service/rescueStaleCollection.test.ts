import { mockServices } from '@backstage/backend-test-utils';
import { SnapshotStore } from '../store/snapshotStore';
import { rescueStaleCollection } from './rescueStaleCollection';

function setup(read: Awaited<ReturnType<SnapshotStore['getList']>>) {
  const scheduler = {
    cancelTask: jest.fn(async () => {
      throw new Error('ConflictError: not running');
    }),
    triggerTask: jest.fn(async () => undefined),
  };
  const snapshots = { getList: async () => read } as unknown as SnapshotStore;
  const run = () =>
    rescueStaleCollection({
      snapshots,
      scheduler,
      taskId: 'prometheus-federation-collect',
      staleAfterSeconds: 60,
      logger: mockServices.logger.mock(),
    });
  return { scheduler, run };
}

const snapshotAged = (seconds: number) => ({
  generatedAt: new Date(Date.now() - seconds * 1000).toISOString(),
  opsPrometheus: { reachable: true },
  clusters: [],
  warnings: [],
});

describe('rescueStaleCollection', () => {
  it('cancels and triggers the collection when the shared snapshot is past any live run', async () => {
    const { scheduler, run } = setup({ value: snapshotAged(61) });
    await run();
    expect(scheduler.cancelTask).toHaveBeenCalledWith(
      'prometheus-federation-collect',
    );
    expect(scheduler.triggerTask).toHaveBeenCalledWith(
      'prometheus-federation-collect',
    );
  });

  it('leaves a young snapshot, a missing one and an unreadable cache alone', async () => {
    for (const read of [
      { value: snapshotAged(30) },
      {},
      { value: snapshotAged(600), problem: 'cache did not answer' },
    ]) {
      const { scheduler, run } = setup(read);
      await run();
      expect(scheduler.triggerTask).not.toHaveBeenCalled();
      expect(scheduler.cancelTask).not.toHaveBeenCalled();
    }
  });
});
