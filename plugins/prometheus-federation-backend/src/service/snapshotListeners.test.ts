import { mockServices } from '@backstage/backend-test-utils';
import { FederationSnapshot } from '../triage/triageFederation';
import { runSnapshotListeners, SnapshotListener } from './snapshotListeners';

const snapshot = { generatedAt: '2026-01-01T00:00:00Z' } as FederationSnapshot;

describe('runSnapshotListeners', () => {
  it('runs every listener in order; one that fails is logged by name and the rest still run', async () => {
    const order: string[] = [];
    const logger = mockServices.logger.mock();
    const listener = (name: string, fail = false): SnapshotListener => ({
      name,
      onStored: async () => {
        order.push(name);
        if (fail) throw new Error('catalog down');
      },
    });
    await runSnapshotListeners(
      [
        listener('signal'),
        listener('notifications', true),
        listener('onboarding'),
      ],
      snapshot,
      logger,
    );
    expect(order).toEqual(['signal', 'notifications', 'onboarding']);
    expect(logger.warn).toHaveBeenCalledWith(
      'After the federation snapshot, notifications failed: Error: catalog down',
    );
  });

  it('stops between listeners once the collection is aborted', async () => {
    const controller = new AbortController();
    const ran: string[] = [];
    await runSnapshotListeners(
      [
        {
          name: 'signal',
          onStored: async () => {
            ran.push('signal');
            controller.abort();
          },
        },
        {
          name: 'onboarding',
          onStored: async () => void ran.push('onboarding'),
        },
      ],
      snapshot,
      mockServices.logger.mock(),
      controller.signal,
    );
    expect(ran).toEqual(['signal']);
  });
});
