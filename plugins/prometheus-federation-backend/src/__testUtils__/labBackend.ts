import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Lab } from '@promfed/federation-lab';
import { FederationOverview } from '@promfed/plugin-prometheus-federation-common';
import request from 'supertest';
import { prometheusFederationPlugin } from '../plugin';
import { databaseClosedAtStop } from './databaseClosedAtStop';

/**
 * The plugin against a running lab, for integration tests: collected by the test's own
 * refreshes, back to back (no schedule to speak of, no refresh budget, no minimum age).
 */
export async function startLabBackend(
  lab: Lab,
  entities: Entity[] = [],
  /** More configuration beside prometheusFederation (e.g. integrations), and its own keys. */
  extra: { root?: object; federation?: object } = {},
) {
  process.env.AWS_ACCESS_KEY_ID = lab.awsCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.awsCredentials.secretAccessKey;
  const config = {
    prometheusFederation: {
      ...lab.backendConfig.prometheusFederation,
      upstreamTimeoutSeconds: 3,
      refreshIntervalSeconds: 3600,
      refresh: { minAgeSeconds: 0, perUserPerMinute: 0 },
      ...extra.federation,
    },
    ...extra.root,
  };
  const { server } = await startTestBackend({
    features: [
      prometheusFederationPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities }),
      databaseClosedAtStop,
    ],
  });
  return server;
}

/** POST /refresh as a signed-in user: one collection, its overview. */
export async function refreshOverview(
  server: Parameters<typeof request>[0],
): Promise<FederationOverview> {
  const res = await request(server)
    .post('/api/prometheus-federation/refresh')
    .set({ Authorization: mockCredentials.user.header() });
  if (res.status !== 200)
    throw new Error(`refresh answered ${res.status}: ${res.text}`);
  return res.body;
}
