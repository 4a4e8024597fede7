import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { SNAPSHOT_SIGNAL_CHANNEL } from '@promfed/plugin-prometheus-federation-common';
import { FederationSnapshot } from '../triage/triageFederation';
import { TransitionNotifier } from './TransitionNotifier';

/**
 * What follows a stored snapshot: a signal so that open pages refetch now, then the owners'
 * notifications. Each fails alone and never fails the collection.
 */
export function onSnapshotStored(options: {
  signals?: SignalsService;
  notifier?: TransitionNotifier;
  logger: LoggerService;
}): (snapshot: FederationSnapshot) => Promise<void> {
  const { signals, notifier, logger } = options;
  return async snapshot => {
    try {
      await signals?.publish({
        recipients: { type: 'broadcast' },
        channel: SNAPSHOT_SIGNAL_CHANNEL,
        message: { generatedAt: snapshot.generatedAt },
      });
    } catch (error) {
      logger.warn(`Could not publish the snapshot signal: ${error}`);
    }
    try {
      await notifier?.onSnapshot(snapshot);
    } catch (error) {
      logger.warn(`Could not check federation notifications: ${error}`);
    }
  };
}
