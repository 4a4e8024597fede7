import { LoggerService } from '@backstage/backend-plugin-api';
import { FederationOptions } from '../config/options';
import { ClusterSource } from '../discovery/types';
import { HistoryStore } from '../store/historyStore';
import { abortable } from './abortable';
import { runSnapshotListeners, SnapshotListener } from './snapshotListeners';
import { slowCollectionWarning } from './slowCollection';
import { SnapshotStore } from '../store/snapshotStore';
import { FederationSnapshot } from '../triage/triageFederation';
import { SnapshotCollector } from '../worker/SnapshotCollector';

export interface CollectSnapshotOptions {
  config: FederationOptions;
  /** Collects and triages (in the plugin, on the collection worker). */
  collector: SnapshotCollector;
  snapshots: SnapshotStore;
  history: HistoryStore;
  logger: LoggerService;
  redacted: (error: unknown) => string;
  /** The scheduler's: aborted when the task times out or the backend stops. */
  signal?: AbortSignal;
  /** After the snapshot is stored, in order: signal, notifications, onboarding. */
  listeners?: readonly SnapshotListener[];
  /** This refresh's clusters (discovery); default: app-config's. */
  clusterSource?: ClusterSource;
}

/**
 * One collection: the cluster list (here: discovery needs Backstage's services) -> facts and
 * triage (the collector's thread) -> history -> cache. The database and the cache each fail
 * alone: the snapshot is still served (from memory) and the history catches up later.
 */
export async function collectSnapshot(
  options: CollectSnapshotOptions,
): Promise<FederationSnapshot> {
  try {
    return await collectAndStore(options);
  } finally {
    // Stored and told, or failed: the collector's own tidying no longer competes with this work.
    options.collector.snapshotHandled?.();
  }
}

async function collectAndStore(
  options: CollectSnapshotOptions,
): Promise<FederationSnapshot> {
  const {
    collector,
    config,
    snapshots,
    history,
    logger,
    redacted,
    signal,
    listeners = [],
    clusterSource,
  } = options;
  const started = Date.now();
  signal?.throwIfAborted();
  const list = clusterSource
    ? await abortable(clusterSource.clusters(), signal)
    : { clusters: config.clusters, warnings: [] };
  const snapshot = await abortable(
    collector.collect(list.clusters, signal),
    signal,
  );
  snapshot.warnings.push(...list.warnings);
  const slow = slowCollectionWarning(
    collector.lastTiming,
    config.refreshIntervalSeconds,
  );
  if (slow) {
    snapshot.warnings.push(slow);
    logger.warn(slow.message);
  }
  const previous = new Map(
    ((await snapshots.get()).value?.clusters ?? []).map(c => [c.name, c]),
  );
  signal?.throwIfAborted();
  try {
    const since = await history.record(snapshot.clusters, snapshot.generatedAt);
    for (const c of snapshot.clusters) c.stateSince = since.get(c.name);
  } catch (error) {
    // Without the database: "since" carries over from the last snapshot while the state holds.
    for (const c of snapshot.clusters) {
      const before = previous.get(c.name);
      c.stateSince =
        before?.state === c.state ? before.stateSince : snapshot.generatedAt;
    }
    logger.warn(
      `Could not record federation state history (${
        history.backlog
      } snapshots wait for the database): ${redacted(error)}`,
    );
  }
  signal?.throwIfAborted();
  try {
    await snapshots.set(snapshot);
  } catch (error) {
    logger.warn(
      `Could not store the federation snapshot in the cache; this replica serves it from memory: ${redacted(
        error,
      )}`,
    );
  }
  await runSnapshotListeners(listeners, snapshot, logger, signal);
  const unhealthy = snapshot.clusters
    .filter(c => c.state !== 'healthy')
    .map(c => `${c.name}=${c.state}`);
  logger.debug(
    `Federation snapshot of ${snapshot.clusters.length} clusters in ${
      Date.now() - started
    } ms${unhealthy.length ? `; ${unhealthy.join(', ')}` : ''}`,
  );
  return snapshot;
}
