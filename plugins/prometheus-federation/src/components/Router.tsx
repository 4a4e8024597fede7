import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { ClusterDetailPage } from './ClusterView';
import { FederationPage } from './FederationPage';

/** The status page and, below it, one cluster's triage chain. */
export function FederationRoutes() {
  return (
    <Routes>
      <Route path="/" element={<FederationPage />} />
      <Route path="/clusters/:name" element={<ClusterDetailPage />} />
    </Routes>
  );
}

/** For apps on the legacy frontend system, which brings no page header of its own. */
export function LegacyFederationRootPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Prometheus federation"
        subtitle="Is every leaf cluster's data reaching ops Prometheus?"
      />
      <Content>
        <FederationRoutes />
      </Content>
    </Page>
  );
}

/** For the new frontend system, whose page blueprint draws the header. */
export function FederationRootPage() {
  return (
    <Content>
      <FederationRoutes />
    </Content>
  );
}
