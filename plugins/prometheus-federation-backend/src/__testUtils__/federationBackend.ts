import { databaseClosedAtStop } from './databaseClosedAtStop';
import { recordingAuditor } from './recordingAuditor';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { prometheusFederationPlugin } from '../plugin';

/** The plugin in a test backend, with a catalog of a cluster and an application. */
export const TOKEN = 'ops-bearer-token-must-never-leak';
export const AWS_SECRET = 'aws-secret-key-must-never-leak';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'blue',
      namespace: 'default',
      annotations: { 'prometheus-federation.io/cluster': 'blue' },
    },
    spec: { type: 'kubernetes-cluster', owner: 'ops' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      // An application (job label) of the recorded answers.
      name: 'dareyscore',
      namespace: 'default',
      annotations: { 'prometheus-federation.io/application': 'dareyscore' },
    },
    spec: { type: 'service', owner: 'ops', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'plain', namespace: 'default' },
    spec: { type: 'service', owner: 'ops', lifecycle: 'production' },
  },
];

export function federationConfig(opsUrl: string, extra: object = {}) {
  return {
    prometheusFederation: {
      upstreamTimeoutSeconds: 1,
      opsPrometheus: { url: opsUrl, bearerToken: TOKEN },
      // The selector of the recorded answers (src/__fixtures__/prometheus-2.42.json).
      httpMetricsSelector:
        '{__name__=~"http_request.*|http_requests_total", source_cluster!=""}',
      grafana: { baseUrl: 'https://grafana-ops.example.com' },
      clusters: [
        // 127.0.0.1 with a closed port: DNS resolves, the probe and the handshake are refused.
        { name: 'blue', prometheus: { host: 'localhost', port: 1 } },
      ],
      ...extra,
    },
  };
}

export interface StartBackendOptions {
  deny?: boolean;
  logs?: string[];
  auditor?: ReturnType<typeof recordingAuditor>['auditor'];
  /** More catalog entities beside the cluster and the application. */
  entities?: Entity[];
}

/** The plugin's HTTP server in a test backend. */
export async function startBackend(
  config: object,
  opts: StartBackendOptions = {},
) {
  return (await startFederationBackend(config, opts)).server;
}

/** The whole test backend (its server, and `stop()` as a SIGTERM would). */
export async function startFederationBackend(
  config: object,
  opts: StartBackendOptions = {},
) {
  const logger = mockServices.rootLogger.factory({ level: 'debug' });
  return startTestBackend({
    features: [
      prometheusFederationPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      catalogServiceMock.factory({
        entities: [...entities, ...(opts.entities ?? [])],
      }),
      ...(opts.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
      ...(opts.auditor ? [opts.auditor.factory] : []),
      databaseClosedAtStop,
      logger,
    ],
  });
}

export const auth = { Authorization: mockCredentials.user.header() };
