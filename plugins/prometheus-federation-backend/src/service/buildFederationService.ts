import {
  AuditorService,
  CacheService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  AuthService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { PullRequestCollector } from '../collectors/pullRequests';
import { FederationOptions } from '../config/options';
import { readOnboardingOptions } from '../config/readOnboardingOptions';
import { CatalogClusterSource } from '../discovery/CatalogClusterSource';
import { SharedDiscoveryMemory } from '../store/discoveryMemory';
import { createNotifier } from '../notify/createNotifier';
import { onSnapshotStored } from '../notify/onSnapshotStored';
import {
  DEFAULT_DATABASE_TIMEOUT_MS,
  HistoryStore,
} from '../store/historyStore';
import { LifecycleStore } from '../store/lifecycleStore';
import { SnapshotCopy } from '../store/snapshotCopy';
import { SnapshotStore } from '../store/snapshotStore';
import { DefaultFederationService } from './DefaultFederationService';
import { OnboardingService } from './OnboardingService';
import { rescueStaleCollection } from './rescueStaleCollection';
import { SnapshotListener } from './snapshotListeners';
import { WorkerSnapshotCollector } from '../worker/WorkerSnapshotCollector';

/** The Backstage services the configured plugin is built from (they stay on this thread). */
export interface FederationServiceDeps {
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  cache: CacheService;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  signals: SignalsService;
  auditor: AuditorService;
}

export const COLLECT_TASK_ID = 'prometheus-federation-collect';

/**
 * Every source has its own timeout, so a run takes a few of them; a replica killed mid-run
 * holds the task at most this long (then rescueStaleCollection frees it).
 */
function taskTimeoutSecondsOf(options: FederationOptions) {
  return Math.ceil(
    Math.max(
      options.upstreamTimeoutSeconds * 3,
      options.refreshIntervalSeconds / 2,
    ),
  );
}

/**
 * The configured plugin, wired in one place: the stores, the snapshot listeners (an explicit,
 * ordered list: signal, notifications, onboarding), the service, and its two scheduled tasks.
 */
export async function buildFederationService(
  deps: FederationServiceDeps,
  options: FederationOptions,
): Promise<{
  service: DefaultFederationService;
  onboarding: OnboardingService;
}> {
  const { config, logger, scheduler, cache, database, catalog, auth } = deps;
  const taskTimeoutSeconds = taskTimeoutSecondsOf(options);
  const staleAfterSeconds =
    options.refreshIntervalSeconds + taskTimeoutSeconds + 1;
  // History first: its migrations create the notifier's and the snapshot copy's tables.
  const history = await HistoryStore.create(database);
  // One table of shared rows: the snapshot copy, and discovery's name holders and last list.
  const shared = new SnapshotCopy(
    await database.getClient(),
    DEFAULT_DATABASE_TIMEOUT_MS,
  );
  const snapshots = new SnapshotStore(
    cache,
    // Ten intervals: missed runs still serve the last snapshot, with its age.
    options.refreshIntervalSeconds * 10 * 1000,
    {
      // Shared when the cache fails, including Backstage's Redis client not reconnecting;
      // and what a replica that starts answers from before any collection of its own.
      copy: shared,
      // Past its collection: a database outage (no collection runs) is named.
      staleAfterMs: staleAfterSeconds * 1000,
      onCacheDead: problem =>
        logger.error(
          `${problem}: replicas share the snapshot through the database. If Redis is up again, Backstage's Redis cache client has not reconnected (see the plugin README, Production); restart the backend to restore the cache`,
        ),
    },
  );
  // Onboarding and retiring clusters, tracked after each stored snapshot.
  const onboarding = new OnboardingService({
    catalog,
    auth,
    store: new LifecycleStore(
      await database.getClient(),
      DEFAULT_DATABASE_TIMEOUT_MS,
    ),
    pullRequests: PullRequestCollector.fromConfig(config, {
      timeoutSeconds: options.upstreamTimeoutSeconds,
      maxResponseBytes: options.maxResponseBytes,
    }),
    ...readOnboardingOptions(config),
    catalogTimeoutSeconds: options.upstreamTimeoutSeconds,
    logger,
    clusters: async () => (await snapshots.get()).value?.clusters ?? [],
  });
  const notifier = await createNotifier(deps);
  const listeners: SnapshotListener[] = [
    // Open pages refetch now.
    {
      name: 'the live-update signal',
      onStored: onSnapshotStored({ signals: deps.signals, logger }),
    },
    {
      name: "the owners' notifications",
      onStored: onSnapshotStored({ notifier, logger }),
    },
    {
      name: 'onboarding tracking',
      onStored: (snapshot, signal) => onboarding.onSnapshot(snapshot, signal),
    },
  ];
  const service = new DefaultFederationService({
    config: options,
    // Collection and triage off the serving event loop, in a worker thread.
    collector: new WorkerSnapshotCollector(options),
    history,
    snapshots,
    catalog,
    logger,
    // A replica without a snapshot asks the global task instead of collecting itself.
    trigger: () => scheduler.triggerTask(COLLECT_TASK_ID),
    waitMs: (taskTimeoutSeconds + 10) * 1000,
    // A collection takes a few upstream timeouts at most (the task's limit may be far longer).
    collectionLimitMs:
      Math.min(options.upstreamTimeoutSeconds * 3, taskTimeoutSeconds) * 1000,
    // With discovery, each refresh merges app-config's clusters with the catalog's.
    clusterSource: options.discovery
      ? new CatalogClusterSource({
          catalog,
          auth,
          options: { ...options, discovery: options.discovery },
          logger,
          // Name holders and the last known list, shared by replicas.
          memory: new SharedDiscoveryMemory(shared),
        })
      : undefined,
    listeners,
  });
  await scheduler.scheduleTask({
    id: COLLECT_TASK_ID,
    // One replica collects per interval; the others serve its snapshot from the cache.
    scope: 'global',
    frequency: { seconds: options.refreshIntervalSeconds },
    timeout: { seconds: taskTimeoutSeconds },
    fn: signal => service.collectOnSchedule(signal),
  });
  // On every replica: a cheap look at the shared snapshot's age.
  await scheduler.scheduleTask({
    id: 'prometheus-federation-rescue',
    scope: 'local',
    frequency: {
      seconds: Math.max(2, Math.round(options.refreshIntervalSeconds / 5)),
    },
    timeout: { seconds: 30 },
    fn: () =>
      rescueStaleCollection({
        snapshots,
        scheduler,
        taskId: COLLECT_TASK_ID,
        staleAfterSeconds,
        logger,
      }),
  });
  logger.info(
    `Collecting federation health of ${
      options.clusters.length
    } configured clusters${
      options.discovery ? ' and the catalog’s cluster entities' : ''
    } every ${options.refreshIntervalSeconds}s`,
  );
  return { service, onboarding };
}
