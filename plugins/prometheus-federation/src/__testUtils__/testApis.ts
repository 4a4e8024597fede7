import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { MockFetchApi, mockApis } from '@backstage/test-utils';
import { PrometheusFederationClient, prometheusFederationApiRef } from '../api';

export const BASE_URL = 'http://backstage.test/api/prometheus-federation';
export const TEST_TOKEN = 'test-user-token';

/** The real client over msw, with a fetchApi that adds a user token like the app's does. */
export function testApis() {
  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage.test' });
  const fetchApi = new MockFetchApi({
    injectIdentityAuth: { token: TEST_TOKEN },
  });
  const client = new PrometheusFederationClient({ discoveryApi, fetchApi });
  return [
    [discoveryApiRef, discoveryApi],
    [fetchApiRef, fetchApi],
    [prometheusFederationApiRef, client],
  ] as const;
}

/** The Backstage JSON error body the backend sends. */
export function errorBody(status: number, name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/' },
    response: { statusCode: status },
  };
}
