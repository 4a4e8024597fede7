import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  degradedCluster,
  downCluster,
  healthyCluster,
} from '../../__fixtures__/clusters';
import { onboardingCluster } from '../../__fixtures__/onboarding';
import { makeOverview } from '../../__fixtures__/overviews';
import { renderPage, serveOverviews } from '../../__testUtils__/federationPage';
import { BASE_URL } from '../../__testUtils__/testApis';

const server = setupServer();
registerMswTestHooks(server);

describe('FleetTotals', () => {
  beforeEach(() => {
    server.use(
      http.get(`${BASE_URL}/onboarding`, () =>
        HttpResponse.json({ stuckAfterMinutes: 30, clusters: [] }),
      ),
    );
  });

  it('sums federated series and new series across the clusters ops Prometheus measured', async () => {
    const blue = healthyCluster('blue');
    blue.target!.seriesAdded = 120;
    const purple = degradedCluster('purple');
    const unknown = healthyCluster('gray');
    delete unknown.target;
    serveOverviews(
      server,
      makeOverview([blue, purple, downCluster('green'), unknown]),
    );
    await renderPage();

    // 18,250 + 18,250 + 0 (down): the down cluster's zero counts, the unmeasured one does not.
    expect(await screen.findByTestId('fleet-totals')).toHaveTextContent(
      'Fleet: 36,500 federated series (samples per scrape) across 3 of 4 clusters · 120 new series in the last scrapes',
    );
  });

  it('counts the clusters the state counts count: onboarding clusters are apart', async () => {
    server.use(
      http.get(`${BASE_URL}/onboarding`, () =>
        HttpResponse.json({
          stuckAfterMinutes: 30,
          clusters: [onboardingCluster('teal', 'dns')],
        }),
      ),
    );
    serveOverviews(
      server,
      makeOverview([healthyCluster('blue'), healthyCluster('teal')]),
    );
    await renderPage();

    await screen.findByTestId('onboarding-section');
    expect(screen.getByTestId('fleet-totals')).toHaveTextContent(
      'Fleet: 18,250 federated series (samples per scrape) across 1 of 1 clusters',
    );
    expect(
      screen.getByRole('button', { name: 'Healthy: 1 clusters' }),
    ).toBeInTheDocument();
  });

  it('says nothing when no cluster has been measured', async () => {
    const unknown = healthyCluster('gray');
    delete unknown.target;
    serveOverviews(server, makeOverview([unknown]));
    await renderPage();

    await screen.findByTestId('federation-summary');
    expect(screen.queryByTestId('fleet-totals')).toBeNull();
  });
});
