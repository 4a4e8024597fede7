import { registerMswTestHooks } from '@backstage/test-utils';
import { SharedCause } from '@promfed/plugin-prometheus-federation-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { downCluster, healthyCluster } from '../../__fixtures__/clusters';
import { makeOverview } from '../../__fixtures__/overviews';
import { renderPage, serveOverviews } from '../../__testUtils__/federationPage';
import { BASE_URL } from '../../__testUtils__/testApis';

const server = setupServer();
registerMswTestHooks(server);

const names = Array.from({ length: 12 }, (_, i) => `leaf-${i + 10}`);

const opsSide: SharedCause = {
  check: 'security-group',
  side: 'ops',
  summary:
    "12 clusters down, security group rule: No rule on sg-<cluster> allows tcp 443 from the ops cluster's security group. Ops side: the ops NAT address or security group changed.",
  reason: 'the ops NAT address or security group changed',
  remediation: {
    summary: 'Fix the ops side or aws.opsSource once.',
    commands: ['aws ec2 describe-security-groups'],
  },
  clusters: names,
};

describe('FederationPage shared causes', () => {
  beforeEach(() => {
    server.use(
      http.get(`${BASE_URL}/onboarding`, () =>
        HttpResponse.json({ stuckAfterMinutes: 30, clusters: [] }),
      ),
    );
  });

  it('leads with the shared cause, its side, fix and clusters, before the table', async () => {
    serveOverviews(
      server,
      makeOverview(
        [...names.map(n => downCluster(n)), healthyCluster('blue')],
        { sharedCauses: [opsSide] },
      ),
    );
    await renderPage();
    const shared = await screen.findByTestId(
      'shared-cause-security-group-none-ops',
    );
    expect(shared).toHaveTextContent(
      'The ops side: 12 clusters fail security group rule alike',
    );
    expect(shared).toHaveTextContent(
      'Fix: Fix the ops side or aws.opsSource once.',
    );
    expect(shared).toHaveTextContent('aws ec2 describe-security-groups');
    expect(shared).toHaveTextContent('and 2 more');
    expect(
      within(shared).getByRole('link', { name: 'leaf-10' }),
    ).toHaveAttribute('href', '/clusters/leaf-10');
    // Before the counts and the table: on-call reads it first.
    const table = screen.getByTestId('federation-summary');
    expect(
      shared.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    await userEvent.click(
      screen.getByTestId('shared-cause-all-security-group-none-ops'),
    );
    expect(within(shared).getByRole('link', { name: 'leaf-21' })).toBeVisible();
  });

  it('shows nothing when no cause is shared', async () => {
    serveOverviews(server, makeOverview([downCluster('green')]));
    await renderPage();
    await screen.findByTestId('federation-summary');
    expect(screen.queryByTestId('shared-causes')).toBeNull();
  });

  it('labels the search box', async () => {
    serveOverviews(server, makeOverview([downCluster('green')]));
    await renderPage();
    expect(
      await screen.findByRole('textbox', { name: 'Find a cluster' }),
    ).toHaveAttribute('id', 'cluster-search');
  });
});
