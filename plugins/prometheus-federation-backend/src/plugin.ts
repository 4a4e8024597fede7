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
import { readFederationConfig } from './config/readFederationConfig';
import { createRouter } from './router/createRouter';
import { buildFederationService } from './service/buildFederationService';
import { createCostService } from './service/createCostService';
import { FederationService } from './service/FederationService';
import { OnboardingService } from './service/OnboardingService';
import { UnconfiguredFederationService } from './service/UnconfiguredFederationService';

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
          const built = await buildFederationService(
            {
              config,
              logger,
              scheduler,
              cache,
              database,
              catalog,
              auth,
              notifications,
              signals,
              auditor,
            },
            options,
          );
          // At shutdown the running collection is abandoned: no upstream read starts after it.
          lifecycle.addShutdownHook(() => built.service.stop());
          service = built.service;
          onboarding = built.onboarding;
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
