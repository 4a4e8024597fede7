import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The status page, mounted at /prometheus-federation by default. */
export const rootRouteRef = createRouteRef({ id: 'prometheus-federation' });

/** One cluster's triage chain, below the status page. */
export const clusterRouteRef = createSubRouteRef({
  id: 'prometheus-federation/cluster',
  parent: rootRouteRef,
  path: '/clusters/:name',
});
