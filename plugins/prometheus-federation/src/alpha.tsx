import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { PrometheusFederationClient, prometheusFederationApiRef } from './api';
import {
  isPrometheusFederationApplicationAvailable,
  isPrometheusFederationClusterAvailable,
} from './conditions';
import { clusterRouteRef, rootRouteRef } from './routes';

const prometheusFederationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: prometheusFederationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PrometheusFederationClient({ discoveryApi, fetchApi }),
    }),
});

/** The status page; its title and icon make the sidebar entry. */
const prometheusFederationPage = PageBlueprint.make({
  params: {
    path: '/prometheus-federation',
    title: 'Federation',
    icon: <TimelineIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/Router').then(m => <m.FederationRootPage />),
  },
});

/** The "Federation" tab of an annotated cluster Resource. */
const prometheusFederationEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'federation',
    title: 'Federation',
    filter: isPrometheusFederationClusterAvailable,
    loader: () =>
      import('./components/EntityFederationContent').then(m => (
        <m.EntityFederationContent />
      )),
  },
});

const prometheusFederationClusterCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    filter: isPrometheusFederationClusterAvailable,
    loader: () =>
      import('./components/EntityFederationCard').then(m => (
        <m.EntityFederationCard />
      )),
  },
});

const prometheusFederationApplicationCard = EntityCardBlueprint.make({
  name: 'application',
  params: {
    filter: isPrometheusFederationApplicationAvailable,
    loader: () =>
      import('./components/EntityApplicationMetricsCard').then(m => (
        <m.EntityApplicationMetricsCard />
      )),
  },
});

/** The prometheus-federation plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'prometheus-federation',
  title: 'Prometheus federation',
  icon: <TimelineIcon fontSize="inherit" />,
  routes: { root: rootRouteRef, cluster: clusterRouteRef },
  extensions: [
    prometheusFederationApi,
    prometheusFederationPage,
    prometheusFederationEntityContent,
    prometheusFederationClusterCard,
    prometheusFederationApplicationCard,
  ],
});
