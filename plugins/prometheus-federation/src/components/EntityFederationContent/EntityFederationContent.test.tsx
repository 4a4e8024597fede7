import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactNode } from 'react';
import { downCluster } from '../../__fixtures__/clusters';
import {
  applicationEntity,
  applicationFederation,
  clusterEntity,
  clusterEntityFederation,
} from '../../__fixtures__/entities';
import { BASE_URL, errorBody, testApis } from '../../__testUtils__/testApis';
import { EntityApplicationMetricsCard } from '../EntityApplicationMetricsCard';
import { EntityFederationCard } from '../EntityFederationCard';
import { EntityFederationContent } from './EntityFederationContent';

const server = setupServer();
registerMswTestHooks(server);

function serveEntities() {
  server.use(
    http.get(`${BASE_URL}/entity`, ({ request }) => {
      const ref = new URL(request.url).searchParams.get('entityRef');
      if (ref === 'resource:default/green-cluster') {
        return HttpResponse.json(clusterEntityFederation(downCluster()));
      }
      if (ref === 'component:default/dareyscore')
        return HttpResponse.json(applicationFederation);
      return HttpResponse.json(
        errorBody(
          404,
          'NotFoundError',
          `${ref} carries no federation annotation`,
        ),
        {
          status: 404,
        },
      );
    }),
  );
}

const renderFor = (entity: any, element: ReactNode) =>
  renderInTestApp(
    <TestApiProvider apis={testApis()}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('catalog entity views', () => {
  beforeEach(serveEntities);

  it('the Federation tab of a cluster Resource shows its triage chain', async () => {
    await renderFor(clusterEntity, <EntityFederationContent />);
    expect(await screen.findByTestId('triage-checklist')).toBeInTheDocument();
    expect(screen.getByTestId('check-target')).toHaveTextContent(
      'connection refused',
    );
  });

  it('the Federation tab explains an entity the backend does not know', async () => {
    const stray = {
      ...clusterEntity,
      metadata: { ...clusterEntity.metadata, name: 'stray' },
    };
    await renderFor(stray, <EntityFederationContent />);
    expect(
      await screen.findByTestId('entity-federation-error'),
    ).toHaveTextContent(
      'resource:default/stray carries no federation annotation',
    );
  });

  it('the cluster overview card shows the state, the headline and links to the tab', async () => {
    await renderFor(clusterEntity, <EntityFederationCard />);
    expect(await screen.findByTestId('entity-card-headline')).toHaveTextContent(
      'Security group rule: No rule on sg-0green-node',
    );
    const card = within(screen.getByTestId('entity-federation-card'));
    expect(card.getByText('Down')).toBeInTheDocument();
    expect(
      card.getByText(/^The portal's probe agrees: .*connection refused$/),
    ).toBeInTheDocument();
    expect(
      card.getByText(/Firing alerts: PrometheusFederationDown/),
    ).toBeInTheDocument();
    expect(
      card.getByText(/certificate expires in 61 days/),
    ).toBeInTheDocument();
    expect(
      card.getByRole('link', { name: /Open the triage chain/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/green-cluster/federation',
    );
  });

  it('the application card says per cluster whether http metrics arrive, with a filtered dashboard link', async () => {
    await renderFor(applicationEntity, <EntityApplicationMetricsCard />);
    const blue = within(await screen.findByTestId('application-cluster-blue'));
    const green = within(screen.getByTestId('application-cluster-green'));
    expect(blue.getByText('Yes')).toBeInTheDocument();
    expect(blue.getByText('96')).toBeInTheDocument();
    expect(green.getByText('No')).toBeInTheDocument();
    expect(green.getByText('16 min ago')).toBeInTheDocument();
    expect(
      green.getByRole('link', {
        name: /Application Errors for dareyscore on green/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(
        /var-source_cluster=green&var-application=dareyscore/,
      ),
    );
  });
});
