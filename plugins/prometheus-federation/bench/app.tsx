/**
 * The status page as a user gets it, for the benchmark: the real page components and the real
 * client over fetch, inside Backstage's app shell (theme, routing, core APIs) as
 * `@backstage/test-utils` assembles it, beside a stand-in for the app's pinned sidebar. Only the
 * backend is replaced, by the benchmark server's stub that serves N clusters.
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

// The app's pinned sidebar takes 224 px: the page gets what is left of the screen, as in the app.
// On phones (below 600 px) Backstage moves the sidebar to a bottom bar: the page gets the width.
const SIDEBAR_PX = 224;
const SIDEBAR_CSS = `@media (max-width: 599.95px) { nav.sidebar { display: none; } }`;

createRoot(document.getElementById('root')!).render(
  <Wrapper>
    <CssBaseline />
    <style>{SIDEBAR_CSS}</style>
    <div style={{ display: 'flex', minHeight: '100vh' }}>
      <nav
        className="sidebar"
        aria-label="sidebar stand-in"
        style={{ width: SIDEBAR_PX, flexShrink: 0, background: '#171717' }}
      />
      <main style={{ flex: 1, minWidth: 0 }}>
        <TestApiProvider apis={[[prometheusFederationApiRef, client]]}>
          <FederationRootPage />
        </TestApiProvider>
      </main>
    </div>
  </Wrapper>,
);
