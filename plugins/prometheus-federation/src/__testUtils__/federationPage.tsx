import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { FederationOverview } from '@promfed/plugin-prometheus-federation-common';
import { act, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { SetupServer } from 'msw/node';
import { FederationPage } from '../components/FederationPage';
import { BASE_URL, testApis } from './testApis';

/** Serves the given overviews in turn, repeating the last one; returns the call count. */
export function serveOverviews(
  server: SetupServer,
  ...overviews: Array<FederationOverview | 'unreachable'>
) {
  let call = 0;
  server.use(
    http.get(`${BASE_URL}/clusters`, () => {
      const next = overviews[Math.min(call++, overviews.length - 1)];
      return next === 'unreachable'
        ? HttpResponse.error()
        : HttpResponse.json(next);
    }),
  );
  return () => call;
}

/** The status page with the real client over msw. */
export const renderPage = () =>
  renderInTestApp(
    <TestApiProvider apis={testApis()}>
      <FederationPage />
    </TestApiProvider>,
  );

/** The clusters of the rows on screen, in order. */
export const rowNames = () =>
  screen
    .queryAllByTestId(/^cluster-row-/)
    .map(row => row.getAttribute('data-testid')!.replace('cluster-row-', ''));

/** Lets the page's next poll (every 60 s in the fixtures) run, under fake timers. */
export const nextPoll = () =>
  act(async () => {
    jest.advanceTimersByTime(60_000);
  });
