import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { downCluster, healthyCluster } from '../../__fixtures__/clusters';
import {
  onboardingCluster,
  stuckOnExposure,
} from '../../__fixtures__/onboarding';
import { makeOverview } from '../../__fixtures__/overviews';
import {
  renderPage,
  rowNames,
  serveOverviews,
} from '../../__testUtils__/federationPage';
import { BASE_URL } from '../../__testUtils__/testApis';

const server = setupServer();
registerMswTestHooks(server);

describe('FederationPage onboarding section', () => {
  it('lists onboarding and retiring clusters apart from the broken ones', async () => {
    serveOverviews(
      server,
      makeOverview([
        healthyCluster('blue'),
        downCluster('green'),
        downCluster('teal'),
        downCluster('plum'),
      ]),
    );
    server.use(
      http.get(`${BASE_URL}/onboarding`, () =>
        HttpResponse.json({
          stuckAfterMinutes: 30,
          clusters: [
            stuckOnExposure('teal'),
            {
              ...onboardingCluster('plum', undefined),
              phase: 'retiring',
              steps: [],
              federated: true,
            },
          ],
        }),
      ),
    );
    await renderPage();
    const section = await screen.findByTestId('onboarding-section');
    expect(section).toHaveTextContent('Onboarding and retiring (2)');
    expect(screen.getByTestId('onboarding-row-teal')).toHaveTextContent(
      'teal · Step 3 of 8: Ingress or route present for 40 min',
    );
    expect(
      within(section).getByTestId('onboarding-stuck-teal'),
    ).toHaveTextContent('stuck (over 30 min)');
    expect(screen.getByTestId('onboarding-row-plum')).toHaveTextContent(
      'Retiring: ops Prometheus still has its federate job',
    );
    // The broken list and its counts keep only the clusters that are not on their way in or out.
    expect(rowNames()).toEqual(['green', 'blue']);
    expect(
      screen.getByRole('button', { name: 'Down: 1 clusters' }),
    ).toBeInTheDocument();
  });

  it('numbers the current step by its place, when later steps already pass', async () => {
    // The security group rule is missing, yet the target is up and metrics arrive.
    const green = onboardingCluster('green', 'security-group');
    green.steps = green.steps.map(s =>
      s.id === 'target' || s.id === 'metrics'
        ? { ...s, status: 'passed', firstPassedAt: green.since }
        : s,
    );
    serveOverviews(server, makeOverview([healthyCluster('blue')]));
    server.use(
      http.get(`${BASE_URL}/onboarding`, () =>
        HttpResponse.json({ stuckAfterMinutes: 30, clusters: [green] }),
      ),
    );
    await renderPage();
    expect(await screen.findByTestId('onboarding-row-green')).toHaveTextContent(
      'green · Step 6 of 8: Security group rule present for 5 min',
    );
  });

  it('shows no section when nothing is onboarding, or when /onboarding fails', async () => {
    serveOverviews(server, makeOverview([downCluster('green')]));
    server.use(
      http.get(`${BASE_URL}/onboarding`, () =>
        HttpResponse.json({ message: 'boom' }, { status: 500 }),
      ),
    );
    await renderPage();
    expect(await screen.findByTestId('cluster-table')).toBeInTheDocument();
    expect(screen.queryByTestId('onboarding-section')).not.toBeInTheDocument();
    expect(rowNames()).toEqual(['green']);
  });
});
