import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { prometheusFederationPermissions } from '@promfed/plugin-prometheus-federation-common';
import { registerActions } from './actions/registerActions';
import { FactsCollector } from './collectors/collectFacts';
import { readFederationConfig } from './config/readFederationConfig';
import { createRouter } from './router/createRouter';
import { createCostService } from './service/createCostService';
import { DefaultFederationService } from './service/DefaultFederationService';
import { rescueStaleCollection } from './service/rescueStaleCollection';
import { FederationService } from './service/FederationService';
import { UnconfiguredFederationService } from './service/UnconfiguredFederationService';
import { createNotifier } from './notify/createNotifier';
import { onSnapshotStored } from './notify/onSnapshotStored';
import {
  DEFAULT_DATABASE_TIMEOUT_MS,
  HistoryStore,
} from './store/historyStore';
import { SnapshotCopy } from './store/snapshotCopy';
import { SnapshotStore } from './store/snapshotStore';
import { LifecycleStore } from './store/lifecycleStore';
import { OnboardingService } from './service/OnboardingService';
import { PullRequestCollector } from './collectors/pullRequests';
import { readOnboardingOptions } from './config/readOnboardingOptions';
import { CatalogClusterSource } from './discovery/CatalogClusterSource';
import { SharedDiscoveryMemory } from './store/discoveryMemory';

/** The prometheus-federation backend plugin: per-cluster federation health under /api/prometheus-federation. */
export const prometheusFederationPlugin = createBackendPlugin({
  pluginId: 'prometheus-federation',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        database: coreServices.database,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        scheduler,
        cache,
        database,
        catalog,
        auth,
        actionsRegistry,
        notifications,
        signals,
        auditor,
        lifecycle,
      }) {
        permissionsRegistry.addPermissions(prometheusFederationPermissions);
        // Throws a FederationConfigError naming the key: a wrong config stops the backend at start.
        const options = readFederationConfig(config);

        let service: FederationService;
        let onboarding: OnboardingService | undefined;
        if (!options) {
          logger.warn(
            'prometheusFederation is not configured: the plugin serves an empty overview',
          );
          service = new UnconfiguredFederationService();
        } else {
          const taskId = 'prometheus-federation-collect';
          // Every source has its own timeout, so a run takes a few of them; a replica killed
          // mid-run holds the task at most this long (then rescueStaleCollection frees it).
          const taskTimeoutSeconds = Math.ceil(
            Math.max(
              options.upstreamTimeoutSeconds * 3,
              options.refreshIntervalSeconds / 2,
            ),
          );
          // History first: its migrations create the notifier's and the snapshot copy's tables.
          const history = await HistoryStore.create(database);
          const snapshots = new SnapshotStore(
            cache,
            // Ten intervals: missed runs still serve the last snapshot, with its age.
            options.refreshIntervalSeconds * 10 * 1000,
            {
              // Shared when the cache fails, including Backstage's Redis client not reconnecting.
              copy: new SnapshotCopy(
                await database.getClient(),
                DEFAULT_DATABASE_TIMEOUT_MS,
              ),
              // Past its collection: a database outage (no collection runs) is named.
              staleAfterMs:
                (options.refreshIntervalSeconds + taskTimeoutSeconds + 1) *
                1000,
              onCacheDead: problem =>
                logger.error(
                  `${problem}: replicas share the snapshot through the database. If Redis is up again, Backstage's Redis cache client has not reconnected (see the plugin README, Production); restart the backend to restore the cache`,
                ),
            },
          );
          // Onboarding and retiring clusters, tracked after each stored snapshot.
          const tracker: OnboardingService = new OnboardingService({
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
          onboarding = tracker;
          const collector = new FactsCollector(options);
          // On stop, before the database and cache close: the collection in flight lets go
          // and its upstream sockets close, so that the replica exits within seconds.
          const stopping = new AbortController();
          lifecycle.addShutdownHook(() => {
            stopping.abort();
            collector.close();
          });
          const federation = new DefaultFederationService({
            config: options,
            collector,
            history,
            snapshots,
            catalog,
            logger,
            // A replica without a snapshot asks the global task instead of collecting itself.
            trigger: () => scheduler.triggerTask(taskId),
            waitMs: (taskTimeoutSeconds + 10) * 1000,
            // With discovery, each refresh merges app-config's clusters with the catalog's.
            clusterSource: options.discovery
              ? new CatalogClusterSource({
                  catalog,
                  auth,
                  options: { ...options, discovery: options.discovery },
                  logger,
                  // Name holders and the last known list, shared by replicas.
                  memory: new SharedDiscoveryMemory(
                    new SnapshotCopy(
                      await database.getClient(),
                      DEFAULT_DATABASE_TIMEOUT_MS,
                    ),
                  ),
                })
              : undefined,
            onStored: tracker.after(
              onSnapshotStored({
                signals,
                notifier: await createNotifier({
                  config,
                  database,
                  notifications,
                  catalog,
                  auth,
                  logger,
                  auditor,
                }),
                logger,
              }),
            ),
          });
          await scheduler.scheduleTask({
            id: taskId,
            // One replica collects per interval; the others serve its snapshot from the cache.
            scope: 'global',
            frequency: { seconds: options.refreshIntervalSeconds },
            timeout: { seconds: taskTimeoutSeconds },
            fn: signal =>
              federation.collectOnSchedule(
                AbortSignal.any([signal, stopping.signal]),
              ),
          });
          // On every replica: a cheap look at the shared snapshot's age.
          await scheduler.scheduleTask({
            id: 'prometheus-federation-rescue',
            scope: 'local',
            frequency: {
              seconds: Math.max(
                2,
                Math.round(options.refreshIntervalSeconds / 5),
              ),
            },
            timeout: { seconds: 30 },
            fn: () =>
              rescueStaleCollection({
                snapshots,
                scheduler,
                taskId,
                staleAfterSeconds:
                  options.refreshIntervalSeconds + taskTimeoutSeconds + 1,
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
          service = federation;
        }

        const cost = options ? createCostService(options) : undefined;
        registerActions({
          registry: actionsRegistry,
          service,
          permissions,
          auditor,
          cost,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            service,
            auditor,
            refreshPerUserPerMinute: options?.refresh.perUserPerMinute,
            cost,
            onboarding,
          }),
        );
      },
    });
  },
});
