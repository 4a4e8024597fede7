import {
  TestApiProvider,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/test-utils';
import { FederationProof } from '@promfed/plugin-prometheus-federation-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BASE_URL, testApis } from '../../__testUtils__/testApis';
import { ProofPanel } from './ProofPanel';

const server = setupServer();
registerMswTestHooks(server);

function proof(extra: Partial<FederationProof> = {}): FederationProof {
  return {
    cluster: 'blue',
    job: 'federate-blue',
    selectors: ['{__name__=~"app_queue_depth|http_requests_total|up"}'],
    usedQueries: 12,
    withData: 12,
    lost: [],
    measured: {
      before: { series: 1605, samplesPerScrape: 1605, bodyBytes: 221741 },
      after: { series: 219, samplesPerScrape: 219, bodyBytes: 35600 },
    },
    notes: [],
    ...extra,
  };
}

async function renderWith(body: FederationProof) {
  server.use(
    http.get(`${BASE_URL}/clusters/blue/proof`, () => HttpResponse.json(body)),
  );
  await renderInTestApp(
    <TestApiProvider apis={testApis()}>
      <ProofPanel name="blue" />
    </TestApiProvider>,
  );
}

describe('ProofPanel', () => {
  it('says every used query still has data, with the measured saving', async () => {
    await renderWith(proof());
    expect(await screen.findByTestId('proof-summary')).toHaveTextContent(
      '12 of 12 used queries still have data.',
    );
    expect(screen.getByTestId('proof-measured')).toHaveTextContent(
      '1,605 → 219 samples',
    );
    expect(screen.queryByTestId('add-back-link')).toBeNull();
  });

  it('names the query that lost data, its dashboard, the name, and prefills the template to add it back', async () => {
    await renderWith(
      proof({
        withData: 10,
        lost: [
          {
            source: 'dashboard "Cache" panel "Evictions" query A',
            owner: 'dashboard "Cache"',
            expr: 'rate(app_cache_evictions_total[5m])',
            names: ['app_cache_evictions_total'],
          },
          {
            source: 'dashboard "Cache" panel "Misses" query B',
            owner: 'dashboard "Cache"',
            expr: 'rate(app_cache_misses_total[5m])',
            names: ['app_cache_misses_total'],
          },
        ],
      }),
    );
    expect(await screen.findByTestId('proof-summary')).toHaveTextContent(
      '10 of 12 used queries still have data.',
    );
    expect(screen.getByTestId('proof-lost')).toHaveTextContent(
      'dashboard "Cache" panel "Evictions" query A (dashboard "Cache"): rate(app_cache_evictions_total[5m]) — add back app_cache_evictions_total',
    );
    const href = screen.getByTestId('add-back-link').getAttribute('href')!;
    const form = JSON.parse(
      new URL(href, 'http://backstage.test').searchParams.get('formData')!,
    );
    expect(form).toEqual({
      cluster: 'blue',
      selectors: [
        '{__name__=~"app_queue_depth|http_requests_total|up"}',
        '{__name__=~"app_cache_evictions_total|app_cache_misses_total"}',
      ],
      // The pull request lists them under the dashboard that reads them.
      namesByOwner: [
        {
          owner: 'dashboard "Cache"',
          names: ['app_cache_evictions_total', 'app_cache_misses_total'],
        },
      ],
    });
  });

  it('claims nothing when a source could not be read', async () => {
    await renderWith(
      proof({ notes: ['ops Prometheus /api/v1/targets of the job: timeout'] }),
    );
    expect(await screen.findByTestId('proof-notes')).toHaveTextContent(
      'Not proven: ops Prometheus /api/v1/targets of the job: timeout',
    );
    expect(screen.queryByTestId('proof-summary')).toBeNull();
  });
});
