import { LoggerService } from '@backstage/backend-plugin-api';
import { FederationSnapshot } from '../triage/triageFederation';

/** Something that follows each stored snapshot: the live-update signal, notifications, onboarding. */
export interface SnapshotListener {
  /** Named in the log when it fails. */
  name: string;
  onStored(snapshot: FederationSnapshot, signal?: AbortSignal): Promise<void>;
}

/**
 * Runs the listeners in order after a snapshot is stored. Each fails alone (logged with its
 * name) and never fails the collection; an aborted collection stops between listeners.
 */
export async function runSnapshotListeners(
  listeners: readonly SnapshotListener[],
  snapshot: FederationSnapshot,
  logger: LoggerService,
  signal?: AbortSignal,
): Promise<void> {
  for (const listener of listeners) {
    if (signal?.aborted) return;
    try {
      await listener.onStored(snapshot, signal);
    } catch (error) {
      logger.warn(
        `After the federation snapshot, ${listener.name} failed: ${error}`,
      );
    }
  }
}
