import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { downCluster } from '../__fixtures__/clusters';
import { makeDetail, makeOverview } from '../__fixtures__/overviews';
import {
  BASE_URL,
  TEST_TOKEN,
  errorBody,
  testApis,
} from '../__testUtils__/testApis';
import { PrometheusFederationClient } from './PrometheusFederationClient';

const server = setupServer();
registerMswTestHooks(server);

const client = testApis()[2][1] as PrometheusFederationClient;

describe('PrometheusFederationClient', () => {
  it('sends the user token on every request', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(`${BASE_URL}/clusters`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(makeOverview([downCluster()]));
      }),
      http.post(`${BASE_URL}/refresh`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(makeOverview([]));
      }),
    );
    const overview = await client.getOverview();
    await client.refresh();
    expect(overview.clusters[0].name).toBe('green');
    expect(seen).toEqual([`Bearer ${TEST_TOKEN}`, `Bearer ${TEST_TOKEN}`]);
  });

  it('polls the list with If-None-Match and keeps the previous list on 304, with the new age', async () => {
    const polling = new PrometheusFederationClient({
      discoveryApi: { getBaseUrl: async () => BASE_URL },
      fetchApi: { fetch: (input, init) => fetch(input, init) },
    });
    const seen: Array<string | null> = [];
    const { ageSeconds: _a, ...body } = makeOverview([downCluster()]);
    server.use(
      http.get(`${BASE_URL}/clusters`, ({ request }) => {
        const tag = request.headers.get('if-none-match');
        seen.push(tag);
        const headers = { etag: '"s1"', 'x-snapshot-age-seconds': '42' };
        return tag === '"s1"'
          ? new HttpResponse(null, { status: 304, headers })
          : HttpResponse.json(body, {
              headers: { ...headers, 'x-snapshot-age-seconds': '7' },
            });
      }),
    );
    const first = await polling.getOverview();
    const second = await polling.getOverview();
    expect(seen).toEqual([null, '"s1"']);
    expect(first.ageSeconds).toBe(7);
    expect(second.ageSeconds).toBe(42);
    expect(second.clusters).toBe(first.clusters);
  });

  it('encodes the cluster name and the entity ref', async () => {
    const urls: string[] = [];
    server.use(
      http.get(`${BASE_URL}/clusters/:name`, ({ request, params }) => {
        urls.push(request.url);
        return HttpResponse.json(makeDetail(downCluster(String(params.name))));
      }),
      http.get(`${BASE_URL}/entity`, ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json(
          errorBody(404, 'NotFoundError', 'not annotated'),
          { status: 404 },
        );
      }),
    );
    const detail = await client.getCluster('eu west');
    expect(detail.cluster.name).toBe('eu west');
    await expect(
      client.getEntityFederation('resource:default/green-cluster'),
    ).rejects.toThrow();
    expect(urls[0]).toBe(`${BASE_URL}/clusters/eu%20west`);
    expect(new URL(urls[1]).searchParams.get('entityRef')).toBe(
      'resource:default/green-cluster',
    );
  });

  it('maps Backstage JSON errors to ResponseError with status and message', async () => {
    server.use(
      http.post(`${BASE_URL}/refresh`, () =>
        HttpResponse.json(
          errorBody(
            403,
            'NotAllowedError',
            'prometheus-federation.refresh is not allowed',
          ),
          { status: 403 },
        ),
      ),
    );
    const error = await client.refresh().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
    expect(error.body.error.message).toBe(
      'prometheus-federation.refresh is not allowed',
    );
  });

  it('rejects when the backend cannot be reached', async () => {
    server.use(http.get(`${BASE_URL}/clusters`, () => HttpResponse.error()));
    await expect(client.getOverview()).rejects.toThrow();
  });
});
