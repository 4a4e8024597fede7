import { mockServices } from '@backstage/backend-test-utils';
import { SNAPSHOT_SIGNAL_CHANNEL } from '@promfed/plugin-prometheus-federation-common';
import { FederationSnapshot } from '../triage/triageFederation';
import { onSnapshotStored } from './onSnapshotStored';
import { TransitionNotifier } from './TransitionNotifier';

const snapshot = {
  generatedAt: '2026-11-30T12:00:00.000Z',
  clusters: [],
} as unknown as FederationSnapshot;

describe('onSnapshotStored', () => {
  it('broadcasts the new snapshot on the signals channel, then checks notifications', async () => {
    const publish = jest.fn(async () => {});
    const onSnapshot = jest.fn(async () => {});
    await onSnapshotStored({
      signals: { publish },
      notifier: { onSnapshot } as unknown as TransitionNotifier,
      logger: mockServices.logger.mock(),
    })(snapshot);
    expect(publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: SNAPSHOT_SIGNAL_CHANNEL,
      message: { generatedAt: '2026-11-30T12:00:00.000Z' },
    });
    expect(onSnapshot).toHaveBeenCalledWith(snapshot);
  });

  it('never fails the collection: each step fails alone and is logged', async () => {
    const logger = mockServices.logger.mock();
    const onSnapshot = jest.fn(async () => {
      throw new Error('database gone');
    });
    await expect(
      onSnapshotStored({
        signals: {
          publish: async () => {
            throw new Error('events down');
          },
        },
        notifier: { onSnapshot } as unknown as TransitionNotifier,
        logger,
      })(snapshot),
    ).resolves.toBeUndefined();
    expect(onSnapshot).toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });
});
