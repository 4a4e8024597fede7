import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { NOW, healthyCluster } from '../../__fixtures__/clusters';
import { blueCost } from '../../__fixtures__/cost';
import { makeDetail } from '../../__fixtures__/overviews';
import { BASE_URL, errorBody, testApis } from '../../__testUtils__/testApis';
import { FederationRoutes } from '../Router';
import { VolumePanel } from './VolumePanel';

process.env.TZ = 'UTC';

const server = setupServer();
registerMswTestHooks(server);

function serveCost(body: object, status = 200) {
  const calls: string[] = [];
  server.use(
    http.get(`${BASE_URL}/clusters/blue/cost`, ({ request }) => {
      calls.push(request.headers.get('authorization') ?? '');
      return HttpResponse.json(body, { status });
    }),
  );
  return calls;
}

const renderPanel = () =>
  renderInTestApp(
    <TestApiProvider apis={testApis()}>
      <VolumePanel name="blue" now={NOW} />
    </TestApiProvider>,
  );

describe('VolumePanel', () => {
  it('shows the volume, the forecast as a warning when near, and the top names', async () => {
    const calls = serveCost(blueCost());
    await renderPanel();

    expect(await screen.findByTestId('volume-series')).toHaveTextContent(
      '54,880 in 212 names',
    );
    expect(calls).toEqual(['Bearer test-user-token']);
    expect(screen.getByTestId('volume-samples')).toHaveTextContent('54,880');
    expect(screen.getByTestId('volume-bytes')).toHaveTextContent('23 MB');
    expect(screen.getByTestId('volume-duration')).toHaveTextContent(
      '8.3 s / 10.0 s',
    );
    const forecast = screen.getByTestId('timeout-forecast');
    expect(forecast).toHaveTextContent(
      'reaches its timeout on 3 Dec 2026 (in 9 days). Narrow the federation before then.',
    );
    expect(forecast.className).toMatch(/Warning/);
    const unused = screen.getByTestId('top-name-app_cache_entries');
    expect(unused).toHaveTextContent('9,600');
    expect(unused).toHaveTextContent('unused');
    expect(screen.getByTestId('top-name-up')).toHaveTextContent('used');
  });

  it('draws duration against the timeout and series over time, one point per step', async () => {
    serveCost(blueCost());
    await renderPanel();

    const duration = await screen.findByTestId('chart-duration');
    const points = (key: string) =>
      duration
        .querySelector(`[data-testid="line-${key}"]`)!
        .getAttribute('points')!
        .split(' ');
    expect(points('durationSeconds')).toHaveLength(73);
    expect(points('timeoutSeconds')).toHaveLength(73);
    // The timeout is flat, and above the duration (smaller y) at every step.
    expect(
      new Set(points('timeoutSeconds').map(p => p.split(',')[1])).size,
    ).toBe(1);
    const timeoutY = Number(points('timeoutSeconds')[0].split(',')[1]);
    expect(
      points('durationSeconds').every(p => Number(p.split(',')[1]) > timeoutY),
    ).toBe(true);
    // Readable axes: the time range and a labelled zero.
    expect(within(duration).getByText('08:30')).toBeInTheDocument();
    expect(within(duration).getByText('14:30')).toBeInTheDocument();
    expect(within(duration).getByText('0.00 s')).toBeInTheDocument();
    expect(within(duration).getByText('12.0 s')).toBeInTheDocument();
    expect(within(duration).getByText('timeout')).toBeInTheDocument();
    const series = screen.getByTestId('chart-series');
    expect(within(series).getByText('60,000')).toBeInTheDocument();
    expect(
      series
        .querySelector('[data-testid="line-series"]')!
        .getAttribute('points')!
        .split(' '),
    ).toHaveLength(73);
  });

  it('shows the proposal: selectors, savings, kept names, unparsable names and the template link', async () => {
    serveCost(blueCost());
    await renderPanel();

    const proposal = await screen.findByTestId('narrowing-proposal');
    expect(
      within(proposal).getByTestId('proposed-selectors'),
    ).toHaveTextContent(
      '{__name__=~"app_jobs_total|http_request_duration_seconds_bucket|http_requests_total|up"}',
    );
    expect(within(proposal).getByTestId('savings-series')).toHaveTextContent(
      'Series54,8809,84082.1 %',
    );
    expect(within(proposal).getByTestId('savings-bodyBytes')).toHaveTextContent(
      '23 MB4.2 MB82.1 %',
    );
    const kept = within(proposal).getByTestId('kept-names');
    expect(kept).not.toHaveAttribute('open');
    expect(kept).toHaveTextContent('Kept metric names (4)');
    expect(kept).toHaveTextContent('http_requests_total');
    expect(within(proposal).getByTestId('kept-unparsable')).toHaveTextContent(
      'app_jobs_total — dashboard "Legacy" panel "Queue" query A: unexpected right parenthesis',
    );
    const href = within(proposal)
      .getByTestId('narrow-template-link')
      .getAttribute('href')!;
    const url = new URL(href, 'http://backstage.test');
    expect(url.pathname).toBe(
      '/create/templates/default/narrow-cluster-federation',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      cluster: 'blue',
      selectors: blueCost().proposal!.selectors,
      keptNames: blueCost().proposal!.keptNames,
      namesByOwner: [
        {
          owner: 'alert prometheus-federation-health/PrometheusFederationDown',
          names: ['up'],
        },
        { owner: 'dashboard "Legacy"', names: ['app_jobs_total'] },
      ],
      savings: {
        seriesBefore: 54880,
        seriesAfter: 9840,
        samplesBefore: 54880,
        samplesAfter: 9840,
        bytesBefore: 23_400_000,
        bytesAfter: 4_195_000,
      },
    });
    expect(within(proposal).getByTestId('names-by-owner')).toHaveTextContent(
      'dashboard "Legacy": app_jobs_total',
    );
    expect(within(proposal).queryByTestId('invalid-regexes')).toBeNull();
  });

  it('names a regex Prometheus refuses, with its query, when the job stays match-all', async () => {
    const cost = blueCost();
    cost.usage!.invalidRegexes = [
      {
        source: 'alert node/NodeDown',
        pattern: 'node_(cpu|mem',
        error: 'invalid regex: missing closing )',
      },
    ];
    cost.proposal = {
      ...cost.proposal!,
      narrowed: false,
      selectors: ['{__name__=~".+"}'],
      reason:
        'kept match-all: alert node/NodeDown has a regex Prometheus cannot use',
    };
    serveCost(cost);
    await renderPanel();

    expect(await screen.findByTestId('invalid-regexes')).toHaveTextContent(
      'node_(cpu|mem — alert node/NodeDown: invalid regex: missing closing )',
    );
    expect(screen.queryByTestId('narrow-template-link')).toBeNull();
  });

  it('offers no template when the job must stay match-all, and shows the reason and notes', async () => {
    const cost = blueCost({
      notes: ['Grafana token not configured: dashboards not counted'],
    });
    cost.proposal = {
      ...cost.proposal!,
      narrowed: false,
      selectors: ['{__name__=~".+"}'],
      reason: 'a dashboard query selects every name',
    };
    serveCost(cost);
    await renderPanel();

    expect(await screen.findByTestId('narrowing-proposal')).toHaveTextContent(
      'The job stays match-all: a dashboard query selects every name.',
    );
    expect(screen.queryByTestId('narrow-template-link')).toBeNull();
    expect(
      screen.getByText(/Grafana token not configured/),
    ).toBeInTheDocument();
  });

  it('says when the cost cannot be read', async () => {
    serveCost(errorBody(503, 'Error', 'ops Prometheus timed out'), 503);
    await renderPanel();

    expect(
      await screen.findByText(
        /failed \(503\) while reading the federation cost of blue/,
      ),
    ).toBeInTheDocument();
  });

  it('sits on the cluster view, where the match-all warning links to it', async () => {
    const cluster = healthyCluster('blue');
    cluster.warnings = [
      {
        id: 'match-all-federate-selector',
        cluster: 'blue',
        message: 'federate-blue federates every series (54,880).',
        remediation: 'Narrow its match[].',
        costPath: '/clusters/blue/cost',
      },
    ];
    server.use(
      http.get(`${BASE_URL}/clusters/blue`, () =>
        HttpResponse.json(makeDetail(cluster)),
      ),
      http.get(`${BASE_URL}/clusters/blue/onboarding`, () =>
        HttpResponse.json(errorBody(404, 'NotFoundError', 'no'), {
          status: 404,
        }),
      ),
    );
    serveCost(blueCost());
    await renderInTestApp(
      <TestApiProvider apis={testApis()}>
        <FederationRoutes />
      </TestApiProvider>,
      { routeEntries: ['/clusters/blue'] },
    );

    await screen.findByTestId('volume-series');
    const panel = screen.getByTestId('volume-panel');
    expect(panel).toHaveAttribute('id', 'federation-volume');
    await waitFor(() =>
      expect(screen.getByTestId('warning-cost-link')).toHaveAttribute(
        'href',
        '/clusters/blue#federation-volume',
      ),
    );
  });
});
