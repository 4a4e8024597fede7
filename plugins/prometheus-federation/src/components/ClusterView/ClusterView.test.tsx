import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { CHECK_ORDER } from '@promfed/plugin-prometheus-federation-common';
import { act, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { NOW, downCluster } from '../../__fixtures__/clusters';
import { makeDetail } from '../../__fixtures__/overviews';
import {
  leafDownCluster,
  notFederatedCluster,
  opsUnreachableOverview,
  probeDisagreesCluster,
} from '../../__fixtures__/headlines';
import { BASE_URL, errorBody, testApis } from '../../__testUtils__/testApis';
import { FederationRoutes } from '../Router';
import { ClusterView } from './ClusterView';

// "Down since 14:02" is a wall-clock time: pin the zone so the assertion holds anywhere.
process.env.TZ = 'UTC';

const server = setupServer();
registerMswTestHooks(server);

describe('ClusterView', () => {
  it('lists the checks in the design document order, whatever order they arrive in', async () => {
    const cluster = downCluster();
    cluster.checks = [...cluster.checks].reverse();
    await renderInTestApp(<ClusterView cluster={cluster} now={NOW} />);

    const items = within(
      screen.getByRole('list', { name: 'Triage checklist' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.getAttribute('data-testid'))).toEqual(
      CHECK_ORDER.map(id => `check-${id}`),
    );
    expect(items[0]).toHaveTextContent('1. Ingress deployed');
    expect(items[3]).toHaveTextContent('4. Security group rule');
  });

  it('places the onboarding timeline under the name and headline it belongs to', async () => {
    await renderInTestApp(
      <ClusterView
        cluster={downCluster()}
        now={NOW}
        onboarding={<div data-testid="timeline">timeline</div>}
      />,
    );
    const name = screen.getByRole('heading', { name: 'green' });
    const headline = screen.getByTestId('cluster-headline');
    const timeline = screen.getByTestId('timeline');
    const follows = (a: Element, b: Element) =>
      !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect([follows(name, timeline), follows(headline, timeline)]).toEqual([
      true,
      true,
    ]);
  });

  it('shows each result as text, the evidence and the remediation commands', async () => {
    await renderInTestApp(<ClusterView cluster={downCluster()} now={NOW} />);

    const sg = within(screen.getByTestId('check-security-group'));
    expect(sg.getByText('Fail')).toBeInTheDocument();
    expect(sg.getByText('sg-0green-node')).toBeInTheDocument();
    expect(
      sg.getByText('terraform/prometheus-federation-security.tf'),
    ).toBeInTheDocument();
    expect(sg.getByText('terraform apply')).toBeInTheDocument();
    expect(
      sg.getByRole('button', { name: 'Copy command: terraform apply' }),
    ).toBeInTheDocument();

    const target = within(screen.getByTestId('check-target'));
    expect(target.getByText(/connect: connection refused/)).toBeInTheDocument();
    expect(
      within(screen.getByTestId('check-latency')).getByText(
        'Could not decide: target down',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('check-ingress')).getByText('Pass'),
    ).toBeInTheDocument();
    // Passing checks carry no remediation.
    expect(
      within(screen.getByTestId('check-ingress')).queryByTestId('remediation'),
    ).toBeNull();

    expect(screen.getByTestId('cluster-headline')).toHaveTextContent(
      'Security group rule: No rule on sg-0green-node allows tcp 443',
    );
    expect(screen.getByTestId('setup-warnings')).toHaveTextContent(
      'insecure_skip_verify',
    );
  });

  it('headlines a dead leaf with its target, the portal’s probe agreeing or disagreeing', async () => {
    const { unmount } = await renderInTestApp(
      <ClusterView cluster={leafDownCluster('green')} now={NOW} />,
    );
    expect(screen.getByTestId('cluster-headline')).toHaveTextContent(
      'Ops Prometheus target: federate-green is down: connection refused',
    );
    expect(screen.getByTestId('headline-probe')).toHaveTextContent(
      "The portal's probe agrees: https://prometheus-green.example.test:443/federate: connection refused",
    );
    unmount();

    await renderInTestApp(
      <ClusterView cluster={probeDisagreesCluster('orange')} now={NOW} />,
    );
    expect(screen.getByTestId('cluster-headline')).toHaveTextContent(
      'federate-orange is down: timeout',
    );
    expect(screen.getByTestId('headline-probe')).toHaveTextContent(
      "The portal's probe disagrees: /federate answered 200 in 0.21 s",
    );
  });

  it('headlines a configured cluster without a federate job as not federated, with the remedy', async () => {
    await renderInTestApp(
      <ClusterView cluster={notFederatedCluster('yellow')} now={NOW} />,
    );
    const headline = within(screen.getByTestId('cluster-headline'));
    expect(
      headline.getByText(
        'not federated: ops Prometheus has no job federate-yellow',
      ),
    ).toBeInTheDocument();
    expect(headline.getByTestId('remediation')).toHaveTextContent(
      'Add the federate-yellow job to ops Prometheus',
    );
    expect(screen.getByTestId('cluster-state-unknown')).toBeInTheDocument();
  });

  it('reads an undefined `federated` as unknown, not as not federated', async () => {
    const cluster = {
      ...downCluster('blue'),
      ...opsUnreachableOverview(['blue']).clusters[0],
    };
    await renderInTestApp(<ClusterView cluster={cluster} now={NOW} />);
    expect(screen.getByTestId('cluster-headline')).toHaveTextContent(
      'ops Prometheus unreachable: /api/v1/targets: connection refused',
    );
    expect(
      screen.queryByText(/no federate (job|target)|not federated/i),
    ).toBeNull();
    expect(
      screen.getByText('Unknown: ops Prometheus could not be read.'),
    ).toBeInTheDocument();
  });

  it('shows the history: down since 14:02 and the recent transitions', async () => {
    await renderInTestApp(<ClusterView cluster={downCluster()} now={NOW} />);
    expect(screen.getByTestId('state-since')).toHaveTextContent(
      'Down since 14:02',
    );
    const transitions = within(
      screen.getByRole('list', { name: 'Recent state transitions' }),
    ).getAllByRole('listitem');
    expect(transitions[0]).toHaveTextContent(
      '14:02 Degraded → Down (Security group rule): connection refused',
    );
    expect(transitions[1]).toHaveTextContent(
      '13:55 Healthy → Degraded (Metrics arriving)',
    );
    expect(transitions).toHaveLength(3);
  });

  it('is reached at /clusters/:name below the page, and explains an unknown cluster', async () => {
    server.use(
      http.get(`${BASE_URL}/clusters/green`, () =>
        HttpResponse.json(makeDetail(downCluster())),
      ),
      http.get(`${BASE_URL}/clusters/nope`, () =>
        HttpResponse.json(
          errorBody(404, 'NotFoundError', 'No cluster named nope'),
          { status: 404 },
        ),
      ),
    );
    const { unmount } = await renderInTestApp(
      <TestApiProvider apis={testApis()}>
        <FederationRoutes />
      </TestApiProvider>,
      { routeEntries: ['/clusters/green'] },
    );
    expect(await screen.findByTestId('cluster-view')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'green' })).toBeInTheDocument();
    expect(screen.getByTestId('back-to-clusters')).toHaveAttribute('href', '/');
    unmount();

    await renderInTestApp(
      <TestApiProvider apis={testApis()}>
        <FederationRoutes />
      </TestApiProvider>,
      { routeEntries: ['/clusters/nope'] },
    );
    expect(await screen.findByTestId('cluster-error')).toHaveTextContent(
      'No cluster named nope',
    );
  });

  it('keeps the cluster on screen and says so when a later poll fails', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    let reachable = true;
    server.use(
      http.get(`${BASE_URL}/clusters/green`, () =>
        reachable
          ? HttpResponse.json(makeDetail(downCluster()))
          : HttpResponse.error(),
      ),
    );
    await renderInTestApp(
      <TestApiProvider apis={testApis()}>
        <FederationRoutes />
      </TestApiProvider>,
      { routeEntries: ['/clusters/green'] },
    );
    expect(await screen.findByTestId('triage-checklist')).toBeInTheDocument();

    reachable = false;
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(
      await screen.findByTestId('backend-unreachable-banner'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('triage-checklist')).toBeInTheDocument();
    jest.useRealTimers();
  });
});
