/**
 * The status page as a user gets it, for the benchmark: the real page components and the real
 * client over fetch, inside Backstage's app shell (theme, routing, core APIs) as
 * `@backstage/test-utils` assembles it. Only the backend is replaced, by the benchmark
 * server's stub that serves N clusters.
 */
import { TestApiProvider, createTestAppWrapper } from '@backstage/test-utils';
import CssBaseline from '@material-ui/core/CssBaseline';
import { createRoot } from 'react-dom/client';
import {
  PrometheusFederationClient,
  prometheusFederationApiRef,
} from '../src/api';
import { FederationRootPage } from '../src/components/Router';

const client = new PrometheusFederationClient({
  discoveryApi: {
    getBaseUrl: async (pluginId: string) =>
      `${window.location.origin}/api/${pluginId}`,
  },
  fetchApi: { fetch: (input: any, init?: any) => window.fetch(input, init) },
});

// The page is mounted at the root of the app's router, as the app mounts it below its path.
const Wrapper = createTestAppWrapper({ routeEntries: ['/'] });

createRoot(document.getElementById('root')!).render(
  <Wrapper>
    <CssBaseline />
    <TestApiProvider apis={[[prometheusFederationApiRef, client]]}>
      <FederationRootPage />
    </TestApiProvider>
  </Wrapper>,
);
