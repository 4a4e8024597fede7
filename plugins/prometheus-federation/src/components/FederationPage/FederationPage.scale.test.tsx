import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { healthyCluster } from '../../__fixtures__/clusters';
import { makeOverview, manyClusters } from '../../__fixtures__/overviews';
import {
  OPS_UNREACHABLE_REASON,
  leafDownCluster,
  notFederatedCluster,
  opsUnreachableOverview,
  probeDisagreesCluster,
} from '../../__fixtures__/headlines';
import {
  nextPoll,
  renderPage,
  rowNames,
  serveOverviews,
} from '../../__testUtils__/federationPage';

// Every row renders one security-group CheckResultLabel: counting them counts row renders.
const mockRowRenders: string[] = [];
jest.mock('../StatusLabel', () => {
  const actual = jest.requireActual('../StatusLabel');
  const Label = actual.CheckResultLabel;
  return {
    ...actual,
    CheckResultLabel: (props: any) => {
      mockRowRenders.push(props.result);
      return <Label {...props} />;
    },
  };
});

const server = setupServer();
registerMswTestHooks(server);

const search = (text: string) =>
  fireEvent.change(screen.getByTestId('cluster-search'), {
    target: { value: text },
  });

describe('FederationPage at fleet scale', () => {
  beforeEach(() => {
    mockRowRenders.length = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('pages 120 clusters by 25, worst first, and a filter or search starts again at page 1', async () => {
    // manyClusters cycles healthy x3, degraded, down: 24 down, 24 degraded, 72 healthy.
    serveOverviews(server, makeOverview(manyClusters(120)));
    await renderPage();
    await screen.findByTestId('cluster-table');
    const pagination = screen.getByTestId('cluster-pagination');

    expect(rowNames()).toHaveLength(25);
    expect(rowNames().slice(0, 2)).toEqual(['leaf-004', 'leaf-009']);
    expect(rowNames()[23]).toBe('leaf-119'); // the last of 24 down
    expect(rowNames()[24]).toBe('leaf-003'); // then degraded
    expect(pagination).toHaveTextContent(/1.25 of 120/);

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(pagination).toHaveTextContent(/26.50 of 120/);
    expect(rowNames()[0]).toBe('leaf-008'); // the second degraded

    fireEvent.click(screen.getByTestId('filter-healthy'));
    expect(pagination).toHaveTextContent(/1.25 of 72/);
    expect(rowNames()[0]).toBe('leaf-000');

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    search('leaf-11');
    expect(rowNames()).toEqual([
      'leaf-110',
      'leaf-111',
      'leaf-112',
      'leaf-115',
      'leaf-116',
      'leaf-117',
    ]);
    expect(pagination).toHaveTextContent(/1.6 of 6/);
  });

  it('finds clusters by their headline as well as their name', async () => {
    serveOverviews(
      server,
      makeOverview([
        healthyCluster('blue'),
        leafDownCluster('green'),
        notFederatedCluster('yellow'),
      ]),
    );
    await renderPage();
    await screen.findByTestId('cluster-table');
    search('connection refused');
    expect(rowNames()).toEqual(['green']);
    search('NOT FEDERATED');
    expect(rowNames()).toEqual(['yellow']);
    search('nothing like it');
    expect(screen.getByTestId('no-matching-clusters')).toBeInTheDocument();
  });

  it('a poll that brings no change renders no row again; a change renders only its row', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const first = makeOverview(manyClusters(10));
    // The same snapshot polled 20 s later: only its age moves.
    const same = { ...makeOverview(manyClusters(10)), ageSeconds: 50 };
    const changed = makeOverview(manyClusters(10), { ageSeconds: 5 });
    changed.clusters[0].target!.lastScrapeAgeSeconds = 3;
    const calls = serveOverviews(server, first, same, changed);
    await renderPage();
    await screen.findByTestId('cluster-table');
    await waitFor(() => expect(mockRowRenders).toHaveLength(10));

    await nextPoll();
    await waitFor(() =>
      expect(screen.getByTestId('snapshot-age')).toHaveTextContent(
        'Snapshot 50 s old',
      ),
    );
    expect(calls()).toBe(2);
    expect(mockRowRenders).toHaveLength(10);

    await nextPoll();
    await waitFor(() =>
      expect(screen.getByTestId('snapshot-age')).toHaveTextContent(
        'Snapshot 5 s old',
      ),
    );
    expect(mockRowRenders).toHaveLength(11);
    expect(
      within(screen.getByTestId('cluster-row-leaf-000')).getByText('3 s ago'),
    ).toBeInTheDocument();
  });

  it('says once that ops Prometheus cannot be read, not as each cluster’s own problem', async () => {
    serveOverviews(server, opsUnreachableOverview(['blue', 'green']));
    await renderPage();
    const banner = await screen.findByTestId('ops-prometheus-unreachable');
    expect(banner).toHaveTextContent(
      `Ops Prometheus cannot be read: ${OPS_UNREACHABLE_REASON}`,
    );
    // The reason is on the page once: in the banner.
    expect(screen.getAllByText(/connection refused/)).toHaveLength(1);
    expect(banner).toContainElement(screen.getByText(/connection refused/));
    for (const name of ['blue', 'green']) {
      const row = within(screen.getByTestId(`cluster-row-${name}`));
      expect(row.getByText('Unknown')).toBeInTheDocument();
      expect(
        row.getByText('Unknown: ops Prometheus unreachable'),
      ).toBeInTheDocument();
      expect(row.queryByText(/not federated|no federate job/)).toBeNull();
    }
  });

  it('names the target as the headline of a down cluster, with the portal’s probe as evidence', async () => {
    serveOverviews(
      server,
      makeOverview([leafDownCluster('green'), probeDisagreesCluster('orange')]),
    );
    await renderPage();
    const green = within(await screen.findByTestId('cluster-row-green'));
    expect(
      green.getByText(
        'Ops Prometheus target: federate-green is down: connection refused',
      ),
    ).toBeInTheDocument();
    expect(
      green.getByText(
        "The portal's probe agrees: https://prometheus-green.example.test:443/federate: connection refused",
      ),
    ).toBeInTheDocument();
    const orange = within(screen.getByTestId('cluster-row-orange'));
    expect(
      orange.getByText(
        'Ops Prometheus target: federate-orange is down: timeout',
      ),
    ).toBeInTheDocument();
    expect(
      orange.getByText(
        "The portal's probe disagrees: /federate answered 200 in 0.21 s",
      ),
    ).toBeInTheDocument();
  });

  it('shows a warning that every cluster has as one alert, not one per cluster', async () => {
    const clusters = manyClusters(30);
    const warnings = clusters.map(c => ({
      id: 'match-all-federate-selector' as const,
      cluster: c.name,
      message: `federate-${c.name} federates every series.`,
      remediation: 'Narrow its match[].',
    }));
    serveOverviews(server, makeOverview(clusters, { warnings }));
    await renderPage();
    await screen.findByTestId('cluster-table');
    const box = within(screen.getByTestId('setup-warnings'));
    expect(box.getAllByRole('note')).toHaveLength(1);
    box.getByText('Federation set-up: 30 clusters');
  });
});
