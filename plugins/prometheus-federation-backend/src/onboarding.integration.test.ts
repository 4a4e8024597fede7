import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { startLab, Lab } from '@promfed/federation-lab';
import {
  CLUSTER_ANNOTATION,
  ClusterOnboarding,
  ONBOARDING_PR_ANNOTATION,
  OnboardingOverview,
} from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { refreshOverview, startLabBackend } from './__testUtils__/labBackend';
import { LocalServer, startLocalServer } from './__testUtils__/localServer';

// The tracker on the lab: blue registered by the template with its PR (merged on a loopback
// GitHub), its Ingress missing at first (a lab fault), then deployed.
const BASE_PORT = 23800;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-backend-onb-'));
const auth = { Authorization: mockCredentials.user.header() };
const PR = 'https://github.lab.test/acme/infra/pull/7';
const MERGED_AT = '2026-11-30T09:00:00Z';

let lab: Lab;
let github: LocalServer;
let server: Parameters<typeof request>[0];

jest.setTimeout(5 * 60_000);

const ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'blue',
    namespace: 'default',
    annotations: {
      [CLUSTER_ANNOTATION]: 'blue',
      [ONBOARDING_PR_ANNOTATION]: PR,
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
};

/** Refreshes until the tracker (run after the snapshot is stored) shows what is expected. */
async function onboardingUntil(
  matches: (o: OnboardingOverview) => boolean,
): Promise<OnboardingOverview> {
  let last: OnboardingOverview | undefined;
  for (let i = 0; i < 20; i++) {
    await refreshOverview(server);
    last = (
      await request(server)
        .get('/api/prometheus-federation/onboarding')
        .set(auth)
    ).body;
    if (last && matches(last)) return last;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`onboarding never matched; last ${JSON.stringify(last)}`);
}

beforeAll(async () => {
  github = await startLocalServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        number: 7,
        state: 'closed',
        title: 'Add cluster blue to Prometheus federation',
        created_at: '2026-11-30T08:00:00Z',
        merged_at: MERGED_AT,
      }),
    );
  });
  lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: ['blue'],
    scrapeIntervalSeconds: 3,
  });
  await lab.fault('ingress-missing', 'blue');
  server = await startLabBackend(lab, [ENTITY], {
    // A step stuck after 1.2 s, so that the test sees the warning.
    federation: { onboarding: { stuckAfterMinutes: 0.02 } },
    root: {
      integrations: {
        github: [
          { host: 'github.lab.test', apiBaseUrl: github.url, token: 'ghp-lab' },
        ],
      },
    },
  });
});

afterAll(async () => {
  await lab?.stop();
  await github?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the onboarding tracker on the lab', () => {
  it('walks blue from merged to healthy, warning while its Ingress is missing', async () => {
    const stuck = await onboardingUntil(o => !!o.clusters[0]?.stuck);
    const blue: ClusterOnboarding = stuck.clusters[0];
    expect(blue).toMatchObject({
      cluster: 'blue',
      phase: 'onboarding',
      currentStep: 'exposure',
      pullRequest: { state: 'merged', mergedAt: MERGED_AT },
      stuck: {
        remediation: {
          file: 'argocd/applications/prod-blue/cluster-resources/prometheus-ingress.yaml',
        },
      },
    });
    expect(blue.steps[1]).toMatchObject({
      id: 'pr-merged',
      status: 'passed',
      firstPassedAt: MERGED_AT,
    });
    expect(github.requests[0].headers.authorization).toBe('Bearer ghp-lab');

    await lab.revert('ingress-missing', 'blue');
    // Healthy once: onboarding is over and blue leaves the list.
    await onboardingUntil(o => o.clusters.length === 0);
    const gone = await request(server)
      .get('/api/prometheus-federation/clusters/blue/onboarding')
      .set(auth);
    expect(gone.status).toBe(404);
  });
});
