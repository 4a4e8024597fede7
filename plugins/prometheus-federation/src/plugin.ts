import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PrometheusFederationClient, prometheusFederationApiRef } from './api';
import { clusterRouteRef, rootRouteRef } from './routes';

/** The legacy frontend system's plugin, for apps not yet migrated to `./alpha`. */
export const prometheusFederationPlugin = createPlugin({
  id: 'prometheus-federation',
  apis: [
    createApiFactory({
      api: prometheusFederationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PrometheusFederationClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, cluster: clusterRouteRef },
});

/** The status page; mount it at `/prometheus-federation`. */
export const PrometheusFederationPage = prometheusFederationPlugin.provide(
  createRoutableExtension({
    name: 'PrometheusFederationPage',
    component: () =>
      import('./components/Router').then(m => m.LegacyFederationRootPage),
    mountPoint: rootRouteRef,
  }),
);

/** The "Federation" tab of a cluster Resource. */
export const EntityPrometheusFederationContent =
  prometheusFederationPlugin.provide(
    createComponentExtension({
      name: 'EntityPrometheusFederationContent',
      component: {
        lazy: () =>
          import('./components/EntityFederationContent').then(
            m => m.EntityFederationContent,
          ),
      },
    }),
  );

/** The overview card of a cluster Resource. */
export const EntityPrometheusFederationCard =
  prometheusFederationPlugin.provide(
    createComponentExtension({
      name: 'EntityPrometheusFederationCard',
      component: {
        lazy: () =>
          import('./components/EntityFederationCard').then(
            m => m.EntityFederationCard,
          ),
      },
    }),
  );

/** The federated http metrics card of an application Component. */
export const EntityPrometheusFederationApplicationCard =
  prometheusFederationPlugin.provide(
    createComponentExtension({
      name: 'EntityPrometheusFederationApplicationCard',
      component: {
        lazy: () =>
          import('./components/EntityApplicationMetricsCard').then(
            m => m.EntityApplicationMetricsCard,
          ),
      },
    }),
  );
