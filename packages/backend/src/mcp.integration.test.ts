import {
  coreServices,
  createServiceFactory,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import {
  mockCredentials,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { databasesClosedAfterStop } from '@promfed/federation-lab';
import prometheusFederationPlugin from '@promfed/plugin-prometheus-federation-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startLabProcess } from './__testUtils__/labProcess';

// The portal's MCP endpoint against the real federation lab: a real MCP client over Streamable
// HTTP, with a user credential, calls the plugin's actions through @backstage/plugin-mcp-actions-backend.
// Its own lab ports and folder, clear of the plugin's tests (22000, 23000) and a developer's lab.
const BASE_PORT = 24000;
const ALLOWED = 'user:default/guest';
const OUTSIDER = 'user:default/outsider';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-mcp-it-'));

jest.setTimeout(10 * 60_000);

/** Stands in for the portal's policy: only ALLOWED may read federation status. */
const permissionsByUser = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => {
    const decide = (
      requests: unknown[],
      options?: { credentials: BackstageCredentials },
    ) => {
      const principal = options?.credentials.principal as {
        userEntityRef?: string;
      };
      const result =
        principal?.userEntityRef === ALLOWED
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY;
      return requests.map(() => ({ result })) as any;
    };
    return {
      authorize: async (requests, options) => decide(requests, options),
      authorizeConditional: async (requests, options) =>
        decide(requests, options),
    };
  },
});

let lab: ReturnType<typeof startLabProcess>;
let baseUrl: string;
let backend: TestBackend | undefined;
// The plugin's database, closed once the backend has stopped (its pool's timer would keep the
// Jest worker alive).
const databases = databasesClosedAfterStop('prometheus-federation');

async function mcpClient(user: string) {
  const client = new Client({ name: 'federation-it', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${baseUrl}/api/mcp-actions/v1`),
      {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(user) },
        },
      },
    ),
  );
  return client;
}

/** Collects (POST /refresh) until the cluster matches, as the page's refresh button would. */
async function waitForCluster(name: string, matches: (c: any) => boolean) {
  const deadline = Date.now() + 120_000;
  let last: unknown;
  while (Date.now() < deadline) {
    const res = await fetch(`${baseUrl}/api/prometheus-federation/refresh`, {
      method: 'POST',
      headers: { Authorization: mockCredentials.user.header(ALLOWED) },
    });
    const cluster = (await res.json()).clusters?.find(
      (c: any) => c.name === name,
    );
    last = cluster && { state: cluster.state, headline: cluster.headline };
    if (cluster && matches(cluster)) return;
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(
    `${name} did not match in time; last seen ${JSON.stringify(last)}`,
  );
}

beforeAll(async () => {
  lab = startLabProcess(dir, BASE_PORT);
  const testConfig = path.join(dir, 'app-config.test.yaml');
  // JSON is YAML: the portal's action sources, and collections only when the test asks.
  fs.writeFileSync(
    testConfig,
    JSON.stringify({
      backend: { actions: { pluginSources: ['prometheus-federation'] } },
      prometheusFederation: {
        upstreamTimeoutSeconds: 3,
        refreshIntervalSeconds: 3600,
        refresh: { minAgeSeconds: 0, perUserPerMinute: 0 },
        notifications: { enabled: false },
      },
    }),
  );
  backend = await startTestBackend({
    features: [
      rootConfigServiceFactory({
        argv: [
          'node',
          'backend',
          '--config',
          lab.appConfig,
          '--config',
          testConfig,
        ],
        watch: false,
      }),
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      permissionsByUser,
      prometheusFederationPlugin,
      mcpActionsPlugin,
      ...databases.modules,
    ],
  });
  baseUrl = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }`;
  await waitForCluster('green', c => c.state === 'healthy');
});

afterAll(async () => {
  try {
    await backend?.stop();
    await databases.close();
    await lab?.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the portal as an MCP server', () => {
  it('lists the federation tools, read-only and idempotent', async () => {
    const client = await mcpClient(ALLOWED);
    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('prometheus-federation.'));
    expect(ours.map(t => t.name).sort()).toEqual([
      'prometheus-federation.application-clusters',
      'prometheus-federation.diagnose-cluster',
      'prometheus-federation.federation-cost',
      'prometheus-federation.federation-proof',
      'prometheus-federation.list-clusters',
    ]);
    for (const tool of ours) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        idempotentHint: true,
      });
      expect(tool.description).toBeTruthy();
    }
    await client.close();
  });

  it('diagnoses a cluster whose leaf is down: the target, connection refused, first', async () => {
    lab.fault('leaf-down', 'green');
    try {
      await waitForCluster(
        'green',
        c => c.state === 'down' && c.headline?.check === 'target',
      );
      const client = await mcpClient(ALLOWED);
      const result: any = await client.callTool({
        name: 'prometheus-federation.diagnose-cluster',
        arguments: { cluster: 'green' },
      });
      expect(result.isError).toBeFalsy();
      const answer = result.structuredContent;
      expect(answer).toMatchObject({ cluster: 'green', state: 'down' });
      expect(answer.headline).toMatchObject({
        check: 'target',
        cause: 'connection-refused',
      });
      expect(answer.headline.summary).toMatch(
        /federate-green is down: connection refused/,
      );
      expect(answer.checks.map((c: any) => c.id)).toEqual([
        'ingress',
        'dns',
        'certificate',
        'security-group',
        'connectivity',
        'target',
        'metrics',
        'latency',
      ]);
      const target = answer.checks.find((c: any) => c.id === 'target');
      expect(target.result).toBe('fail');
      expect(target.evidence.length).toBeGreaterThan(0);
      expect(target.remediation?.summary).toBeTruthy();

      const list: any = await client.callTool({
        name: 'prometheus-federation.list-clusters',
        arguments: {},
      });
      expect(
        list.structuredContent.clusters.map((c: any) => [c.name, c.state]),
      ).toEqual(
        expect.arrayContaining([
          ['green', 'down'],
          ['blue', 'healthy'],
        ]),
      );
      await client.close();
    } finally {
      lab.revert('leaf-down', 'green');
    }
  });

  it('refuses the call without the read permission', async () => {
    const client = await mcpClient(OUTSIDER);
    const result: any = await client.callTool({
      name: 'prometheus-federation.diagnose-cluster',
      arguments: { cluster: 'green' },
    });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toMatch(
      /NotAllowedError: Not allowed to read federation status/,
    );
    expect(result.structuredContent).toBeUndefined();
    await client.close();
  });
});
