import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { prometheusFederationPermissions } from '@internal/plugin-prometheus-federation-common';
import { registerActions } from './actions/registerActions';
import { FactsCollector } from './collectors/collectFacts';
import { readFederationConfig } from './config/readFederationConfig';
import { createRouter } from './router/createRouter';
import { DefaultFederationService } from './service/DefaultFederationService';
import { FederationService } from './service/FederationService';
import { UnconfiguredFederationService } from './service/UnconfiguredFederationService';
import { createNotifier } from './notify/createNotifier';
import { onSnapshotStored } from './notify/onSnapshotStored';
import { HistoryStore } from './store/historyStore';
import { SnapshotStore } from './store/snapshotStore';

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
      }) {
        permissionsRegistry.addPermissions(prometheusFederationPermissions);
        // Throws a FederationConfigError naming the key: a wrong config stops the backend at start.
        const options = readFederationConfig(config);

        let service: FederationService;
        if (!options) {
          logger.warn(
            'prometheusFederation is not configured: the plugin serves an empty overview',
          );
          service = new UnconfiguredFederationService();
        } else {
          const taskId = 'prometheus-federation-collect';
          // A collection longer than the interval is late anyway; a replica killed mid-run
          // holds the task at most this long, so another collects within two intervals.
          const taskTimeoutSeconds = Math.max(
            options.refreshIntervalSeconds,
            options.upstreamTimeoutSeconds * 3,
          );
          // History first: its migrations create the notifier's table too.
          const history = await HistoryStore.create(database);
          const federation = new DefaultFederationService({
            config: options,
            collector: new FactsCollector(options),
            history,
            // Keep snapshots ten intervals, so that missed runs still serve the last one with its age.
            snapshots: new SnapshotStore(
              cache,
              options.refreshIntervalSeconds * 10 * 1000,
            ),
            catalog,
            logger,
            // A replica without a snapshot asks the global task instead of collecting itself.
            trigger: () => scheduler.triggerTask(taskId),
            waitMs: (taskTimeoutSeconds + 10) * 1000,
            onStored: onSnapshotStored({
              signals,
              notifier: await createNotifier({
                config,
                options,
                database,
                notifications,
                catalog,
                auth,
                logger,
              }),
              logger,
            }),
          });
          await scheduler.scheduleTask({
            id: taskId,
            // One replica collects per interval; the others serve its snapshot from the cache.
            scope: 'global',
            frequency: { seconds: options.refreshIntervalSeconds },
            timeout: { seconds: taskTimeoutSeconds },
            fn: signal => federation.collectOnSchedule(signal),
          });
          logger.info(
            `Collecting federation health of ${options.clusters.length} configured clusters every ${options.refreshIntervalSeconds}s`,
          );
          service = federation;
        }

        registerActions({ registry: actionsRegistry, service, permissions });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            service,
            refreshPerUserPerMinute: options?.refresh.perUserPerMinute,
          }),
        );
      },
    });
  },
});
