import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { startLab, Lab, LabFault } from '@promfed/federation-lab';
import {
  APPLICATION_ANNOTATION,
  CheckId,
  CLUSTER_ANNOTATION,
  ClusterDetail,
  ClusterState,
  EntityFederation,
  FederationOverview,
} from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { refreshOverview, startLabBackend } from './__testUtils__/labBackend';

// Against the real lab: real Prometheus (ops + leaves), loopback Kubernetes, EC2 and DNS.
// Its own ports and folder, clear of the lab's own tests (22000) and a developer's lab (19000).
const BASE_PORT = 23000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-backend-it-'));
const auth = { Authorization: mockCredentials.user.header() };
const FAULT_WAIT_MS = 75_000;

let lab: Lab;
let server: Parameters<typeof request>[0];

jest.setTimeout(20 * 60_000);

/** What each lab fault must look like for the faulted cluster, once ops Prometheus has scraped it. */
const EXPECTED: Array<[LabFault, ClusterState, CheckId]> = [
  // The target is the authority: the probe is evidence beside it, never the headline.
  ['leaf-down', 'down', 'target'],
  ['slow-federate', 'down', 'target'],
  ['sample-limit', 'down', 'target'],
  ['wrong-path', 'down', 'target'],
  ['certificate-expired', 'down', 'certificate'],
  ['certificate-not-ready', 'degraded', 'certificate'],
  ['security-group-rule-removed', 'degraded', 'security-group'],
  // The lab's ops Prometheus dials the leaf by address: the target stays up, so these degrade.
  ['ingress-missing', 'degraded', 'ingress'],
  ['dns-missing', 'degraded', 'dns'],
];

/** The catalog entities the entity tab and card are shown on: a cluster Resource and an application Component. */
const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'blue',
      namespace: 'default',
      annotations: { [CLUSTER_ANNOTATION]: 'blue' },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    // The lab's apps are told apart by their job label, the plugin's default application label.
    metadata: {
      name: 'dareyscore',
      namespace: 'default',
      annotations: { [APPLICATION_ANNOTATION]: 'dareyscore' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/platform',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'unrelated', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/platform',
    },
  },
];

const refresh = () => refreshOverview(server);

/** Refreshes until `cluster` matches, within a bounded wait; fails with what was last seen. */
async function waitForCluster(
  cluster: string,
  matches: (c: FederationOverview['clusters'][number]) => boolean,
  what: string,
) {
  const deadline = Date.now() + FAULT_WAIT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    const overview = await refresh();
    const found = overview.clusters.find(c => c.name === cluster);
    last = found && {
      state: found.state,
      headline: found.headline,
      target: found.target?.lastError,
    };
    if (found && matches(found)) return found;
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(
    `${cluster} did not become ${what} within ${
      FAULT_WAIT_MS / 1000
    }s; last seen ${JSON.stringify(last)}`,
  );
}

beforeAll(async () => {
  lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: ['blue', 'green'],
    scrapeIntervalSeconds: 3,
  });
  // Each fault is read right after it is applied: every refresh collects, unlimited.
  server = await startLabBackend(lab, ENTITIES);
  await waitForCluster('blue', c => c.state === 'healthy', 'healthy');
});

afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('against the federation lab', () => {
  it('reports every cluster healthy with every configured check passing', async () => {
    const green = await waitForCluster(
      'green',
      c => c.state === 'healthy',
      'healthy',
    );
    expect(green).toMatchObject({
      configured: true,
      federated: true,
      securityGroupRule: 'pass',
    });
    const detail: ClusterDetail = (
      await request(server)
        .get('/api/prometheus-federation/clusters/blue')
        .set(auth)
    ).body;
    expect(detail.cluster.checks.map(c => [c.id, c.result])).toEqual([
      ['ingress', 'pass'],
      ['dns', 'pass'],
      ['certificate', 'pass'],
      ['security-group', 'pass'],
      ['connectivity', 'pass'],
      ['target', 'pass'],
      ['metrics', 'pass'],
      ['latency', 'pass'],
    ]);
  });

  it('answers the entity route for a cluster Resource and an application Component', async () => {
    await waitForCluster('green', c => c.state === 'healthy', 'healthy');
    const entity = (ref: string) =>
      request(server)
        .get('/api/prometheus-federation/entity')
        .query({ entityRef: ref })
        .set(auth);

    const resource = await entity('resource:default/blue');
    expect(resource.status).toBe(200);
    const cluster = resource.body as EntityFederation;
    if (cluster.kind !== 'cluster')
      throw new Error(`expected a cluster answer, got ${cluster.kind}`);
    expect(cluster.cluster).toMatchObject({
      name: 'blue',
      state: 'healthy',
      federated: true,
    });
    expect(cluster.cluster.checks.map(c => c.id)).toEqual([
      'ingress',
      'dns',
      'certificate',
      'security-group',
      'connectivity',
      'target',
      'metrics',
      'latency',
    ]);

    // A leaf federates its apps' series from its own first scrape of each app on: wait (bounded)
    // until the app's series have arrived from both leaves, refreshing as the page would.
    let application: EntityFederation | undefined;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const component = await entity('component:default/dareyscore');
      expect(component.status).toBe(200);
      application = component.body as EntityFederation;
      if (application.kind !== 'application')
        throw new Error(
          `expected an application answer, got ${application.kind}`,
        );
      if (
        application.application.clusters.every(c => c.arriving) ||
        Date.now() > deadline
      )
        break;
      await refresh();
      await new Promise(r => setTimeout(r, 1000));
    }
    expect(application.application.application).toBe('dareyscore');
    // The app runs on both leaves: its http series arrive, fresh, from each.
    expect(
      application.application.clusters.map(c => [
        c.cluster,
        c.clusterState,
        c.arriving,
      ]),
    ).toEqual([
      ['blue', 'healthy', true],
      ['green', 'healthy', true],
    ]);
    for (const c of application.application.clusters)
      expect(c.httpSeries).toBeGreaterThan(0);

    // An entity without either annotation, and one the catalog does not have, are not found.
    expect((await entity('component:default/unrelated')).status).toBe(404);
    expect((await entity('component:default/nowhere')).status).toBe(404);
    expect((await entity('not a ref')).status).toBe(400);
  });

  it.each(EXPECTED)(
    '%s on blue: %s, first failing check %s',
    async (fault, state, check) => {
      await lab.fault(fault, 'blue');
      try {
        const blue = await waitForCluster(
          'blue',
          c => c.state === state && c.headline?.check === check,
          `${state} at ${check}`,
        );
        expect(blue.state).toBe(state);
        expect(blue.headline?.check).toBe(check);
        const detail: ClusterDetail = (
          await request(server)
            .get('/api/prometheus-federation/clusters/blue')
            .set(auth)
        ).body;
        const failing = detail.cluster.checks.find(c => c.id === check)!;
        expect(failing.remediation?.summary).toBeTruthy();
        expect(failing.evidence.length).toBeGreaterThan(0);
        // The other cluster is not affected.
        expect(
          (await refresh()).clusters.find(c => c.name === 'green')?.state,
        ).toBe('healthy');
      } finally {
        await lab.revert(fault, 'blue');
      }
      await waitForCluster('blue', c => c.state === 'healthy', 'healthy again');
    },
  );
});
