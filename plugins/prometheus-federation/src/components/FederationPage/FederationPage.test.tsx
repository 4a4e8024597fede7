import { registerMswTestHooks } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  degradedCluster,
  downCluster,
  healthyCluster,
} from '../../__fixtures__/clusters';
import { makeOverview } from '../../__fixtures__/overviews';
import { BASE_URL, errorBody } from '../../__testUtils__/testApis';
import {
  nextPoll,
  renderPage,
  rowNames,
  serveOverviews,
} from '../../__testUtils__/federationPage';
import { ADD_CLUSTER_TEMPLATE_PATH } from '../EmptyState';

const server = setupServer();
registerMswTestHooks(server);

const threeClusters = () =>
  makeOverview([
    healthyCluster('blue'),
    degradedCluster('purple'),
    downCluster('green'),
  ]);

describe('FederationPage', () => {
  afterEach(() => jest.useRealTimers());

  it('says when the first snapshot is due while the backend collects it, then lists the clusters', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const collecting = makeOverview([], {
      collecting: { since: new Date().toISOString(), dueInSeconds: 12 },
      opsPrometheus: {
        reachable: false,
        error: 'not read yet: the first collection runs',
      },
      warnings: [],
    });
    const calls = serveOverviews(server, collecting, threeClusters());
    await renderPage();
    expect(await screen.findByTestId('first-collection')).toHaveTextContent(
      'Collecting federation health: the first snapshot is due in 12 s.',
    );
    // Neither an empty fleet nor an unreachable ops Prometheus: nothing is known yet.
    expect(screen.queryByTestId('ops-prometheus-unreachable')).toBeNull();
    expect(screen.queryByTestId('cluster-table')).toBeNull();

    // Polled again when the snapshot is due (the 10 s floor is below it), not a minute later.
    await act(async () => {
      jest.advanceTimersByTime(12_000);
    });
    expect(await screen.findByTestId('cluster-table')).toBeInTheDocument();
    expect(calls()).toBe(2);
    expect(screen.queryByTestId('first-collection')).toBeNull();
    expect(rowNames()).toEqual(['green', 'purple', 'blue']);
  });

  it('shows the summary and one row per cluster, worst state first', async () => {
    serveOverviews(server, threeClusters());
    await renderPage();
    expect(await screen.findByTestId('cluster-table')).toBeInTheDocument();
    expect(rowNames()).toEqual(['green', 'purple', 'blue']);
    expect(
      screen.getByRole('button', { name: 'Down: 1 clusters' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Healthy: 1 clusters' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('snapshot-age')).toHaveTextContent(
      'Snapshot 30 s old',
    );

    const green = within(screen.getByTestId('cluster-row-green'));
    expect(green.getByText('Down')).toBeInTheDocument();
    expect(
      green.getByText(
        'Security group rule: No rule on sg-0green-node allows tcp 443 from the ops cluster.',
      ),
    ).toBeInTheDocument();
    expect(green.getByText('PrometheusFederationDown')).toBeInTheDocument();
    // The target column carries ops Prometheus' own cause: the authority.
    expect(green.getByText('down (connection refused)')).toBeInTheDocument();
    expect(green.getByText('0.00 s / 10.0 s')).toBeInTheDocument();
    expect(green.getByTestId('cluster-link-green')).toHaveAttribute(
      'href',
      '/clusters/green',
    );
    expect(
      green.getByRole('link', { name: /^Application Errors for green/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('var-source_cluster=green'),
    );
    expect(
      green.getByRole('link', { name: /^Argo CD for green/ }),
    ).toBeInTheDocument();
    const purple = within(screen.getByTestId('cluster-row-purple'));
    expect(purple.getByText('9 d')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('cluster-row-blue')).getByText(
        'All checks pass',
      ),
    ).toBeInTheDocument();
    // The overview's set-up warnings are shown beside the table.
    expect(screen.getByTestId('setup-warnings')).toHaveTextContent(
      'can never fire',
    );
  });

  it('sorts by a column and filters by state', async () => {
    serveOverviews(server, threeClusters());
    await renderPage();
    await screen.findByTestId('cluster-table');

    fireEvent.click(screen.getByTestId('sort-name'));
    expect(rowNames()).toEqual(['blue', 'green', 'purple']);
    fireEvent.click(screen.getByTestId('sort-name'));
    expect(rowNames()).toEqual(['purple', 'green', 'blue']);

    fireEvent.click(screen.getByTestId('filter-degraded'));
    expect(rowNames()).toEqual(['purple']);
    expect(screen.getByTestId('filter-degraded')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    fireEvent.click(screen.getByTestId('filter-all'));
    expect(rowNames()).toHaveLength(3);
  });

  it('refreshes on its own without closing an expanded row or resetting the filter', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const first = threeClusters();
    const second = makeOverview([
      healthyCluster('blue'),
      degradedCluster('purple'),
      downCluster('green'),
    ]);
    second.clusters[2].target!.lastError =
      'Get "https://prometheus-green.example.test/federate": context deadline exceeded';
    const calls = serveOverviews(server, first, second);
    await renderPage();
    await screen.findByTestId('cluster-table');

    fireEvent.click(screen.getByTestId('filter-down'));
    fireEvent.click(
      screen.getByRole('button', { name: 'Show details for green' }),
    );
    expect(screen.getByTestId('cluster-details-green')).toHaveTextContent(
      'connection refused',
    );

    await nextPoll();
    await waitFor(() =>
      expect(screen.getByTestId('cluster-details-green')).toHaveTextContent(
        'context deadline exceeded',
      ),
    );
    expect(calls()).toBe(2);
    expect(
      screen.getByRole('button', { name: 'Hide details for green' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(rowNames()).toEqual(['green']);
  });

  it('warns when the snapshot is older than three refresh intervals', async () => {
    serveOverviews(
      server,
      makeOverview([healthyCluster()], {
        ageSeconds: 900,
        refreshIntervalSeconds: 60,
      }),
    );
    await renderPage();
    expect(await screen.findByTestId('stale-banner')).toHaveTextContent(
      '15 min old',
    );
  });

  it('keeps the last data and says so when the backend cannot be reached', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    serveOverviews(server, threeClusters(), 'unreachable');
    await renderPage();
    await screen.findByTestId('cluster-table');
    expect(
      screen.queryByTestId('backend-unreachable-banner'),
    ).not.toBeInTheDocument();

    await nextPoll();
    expect(
      await screen.findByTestId('backend-unreachable-banner'),
    ).toHaveTextContent('Cannot reach the prometheus-federation backend');
    expect(rowNames()).toHaveLength(3);
  });

  it('says when ops Prometheus itself cannot be read', async () => {
    serveOverviews(
      server,
      makeOverview([healthyCluster()], {
        opsPrometheus: {
          reachable: false,
          error: 'connect ECONNREFUSED 127.0.0.1:9090',
        },
      }),
    );
    await renderPage();
    expect(
      await screen.findByTestId('ops-prometheus-unreachable'),
    ).toHaveTextContent('ECONNREFUSED');
  });

  it('points to the add-cluster template when no cluster is federated', async () => {
    serveOverviews(server, makeOverview([]));
    await renderPage();
    await screen.findByTestId('federation-empty-state');
    expect(screen.getByTestId('add-cluster-template-link')).toHaveAttribute(
      'href',
      ADD_CLUSTER_TEMPLATE_PATH,
    );
  });

  it('explains a 403 instead of showing an empty page', async () => {
    server.use(
      http.get(`${BASE_URL}/clusters`, () =>
        HttpResponse.json(errorBody(403, 'NotAllowedError', 'Unauthorized'), {
          status: 403,
        }),
      ),
    );
    await renderPage();
    expect(await screen.findByTestId('federation-forbidden')).toHaveTextContent(
      'You are not allowed to see the federation status (403)',
    );
  });

  it('"Refresh now" shows the new snapshot, or why it was refused', async () => {
    serveOverviews(server, threeClusters());
    let allowed = true;
    server.use(
      http.post(`${BASE_URL}/refresh`, () =>
        allowed
          ? HttpResponse.json(makeOverview([healthyCluster('blue')]))
          : HttpResponse.json(
              errorBody(403, 'NotAllowedError', 'refresh denied'),
              { status: 403 },
            ),
      ),
    );
    await renderPage();
    await screen.findByTestId('cluster-table');

    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    await waitFor(() => expect(rowNames()).toEqual(['blue']));

    allowed = false;
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(await screen.findByTestId('refresh-error')).toHaveTextContent(
      'not allowed to trigger a refresh',
    );
    expect(rowNames()).toEqual(['blue']);
  });
});
