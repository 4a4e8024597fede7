import { registerMswTestHooks } from '@backstage/test-utils';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { downCluster, healthyCluster } from '../../__fixtures__/clusters';
import { makeOverview } from '../../__fixtures__/overviews';
import { BASE_URL, errorBody } from '../../__testUtils__/testApis';
import {
  renderPage as renderFederationPage,
  serveOverviews,
} from '../../__testUtils__/federationPage';
import { retryAfterSeconds } from './useFederationOverview';

const server = setupServer();
registerMswTestHooks(server);

const snapshot = () =>
  makeOverview([healthyCluster('blue'), downCluster('green')], {
    ageSeconds: 12,
  });

const renderPage = async () => {
  serveOverviews(server, snapshot());
  await renderFederationPage();
  await screen.findByTestId('cluster-table');
};

const refreshButton = () => screen.getByRole('button', { name: 'Refresh now' });

describe('Refresh now', () => {
  afterEach(() => jest.useRealTimers());

  it('says the snapshot is recent when the backend answers it instead of collecting', async () => {
    server.use(
      http.post(`${BASE_URL}/refresh`, () => HttpResponse.json(snapshot())),
    );
    await renderPage();
    fireEvent.click(refreshButton());
    expect(await screen.findByTestId('refresh-notice')).toHaveTextContent(
      'Refreshed 12 s ago, too recently to collect again: this is the newest snapshot.',
    );
    expect(screen.queryByTestId('refresh-error')).toBeNull();
    expect(refreshButton()).toBeEnabled();
  });

  it('says when to try again after a 429, and waits out its Retry-After', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    server.use(
      http.post(`${BASE_URL}/refresh`, () =>
        HttpResponse.json(
          errorBody(429, 'TooManyRequestsError', 'refresh budget exhausted'),
          { status: 429, headers: { 'Retry-After': '30' } },
        ),
      ),
    );
    await renderPage();
    fireEvent.click(refreshButton());
    expect(await screen.findByTestId('refresh-notice')).toHaveTextContent(
      /^Refreshed 1[23] s ago; try again in 30 s\.$/,
    );
    // Not a generic error: the user did nothing wrong.
    expect(screen.queryByTestId('refresh-error')).toBeNull();
    expect(refreshButton()).toBeDisabled();

    await act(async () => {
      jest.advanceTimersByTime(30_000);
    });
    await waitFor(() => expect(refreshButton()).toBeEnabled());
    expect(screen.queryByTestId('refresh-notice')).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('30')).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterSeconds(inAMinute)).toBeGreaterThan(55);
  });
});
