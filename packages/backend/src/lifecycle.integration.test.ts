import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogScaffolderModule from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import {
  databasesClosedAfterStop,
  dropFederateJob,
  LAB_REGION,
  labDiscovery,
  LabFault,
  labPorts,
  LoopbackGitHub,
  nodeSecurityGroupId,
  readFileTree,
  SCAFFOLDER_TEST_CONFIG,
  startLab,
  Lab,
} from '@promfed/federation-lab';
import prometheusFederationPlugin from '@promfed/plugin-prometheus-federation-backend';
import type {
  ClusterOnboarding,
  OnboardingStepId,
} from '@promfed/plugin-prometheus-federation-common';
import federationScaffolderModule from '@promfed/plugin-scaffolder-backend-module-prometheus-federation';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

// A cluster's whole lifecycle through the real portal pieces: the add template in the real
// scaffolder opens the pull request on a loopback GitHub and registers the catalog file; the real
// catalog ingests it from main once merged; the tracker follows purple on the lab, whose faults
// stand for what is not deployed yet, reverted one step at a time; then the remove template:
// retiring while ops Prometheus has its job, gone once the job and the entity are out.
// Purple is in no app-config: the backend finds it in the catalog (discovery), reads its leaf's
// Kubernetes API with an EKS token the lab's API server reviews, and diagnoses it with no config
// change and no restart. Its own lab ports (28000..28020) and folder.
const BASE_PORT = 28000;
const CLUSTER = 'purple';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-lifecycle-it-'));
const repoRoot = path.resolve(__dirname, '../../..');
// The scaffolder module's infrastructure repository fixture (blue and green federated).
const fixture = path.join(
  repoRoot,
  'plugins/scaffolder-backend-module-prometheus-federation/src/__fixtures__/federation-setup',
);
const ENTITY_FILE = `catalog/clusters/${CLUSTER}.yaml`;
const REPO_URL = 'github.com?owner=acme&repo=infrastructure';
const prUrl = (n: number) => `https://github.com/acme/infrastructure/pull/${n}`;
const auth = { Authorization: mockCredentials.user.header() };
/** Each fault holds back one step, in the order the steps come (wrong-path: the target). */
const FAULTS: Array<[LabFault, OnboardingStepId]> = [
  ['ingress-missing', 'exposure'],
  ['dns-missing', 'dns'],
  ['certificate-expired', 'certificate'],
  ['security-group-rule-removed', 'security-group'],
  ['wrong-path', 'target'],
  ['apps-no-http-metrics', 'metrics'],
];

let lab: Lab;
let github: LoopbackGitHub;
let baseUrl: string;
let backend: TestBackend | undefined;
// The plugins' databases, closed once the backend has stopped (their pools' timers would keep the
// Jest worker alive).
const databases = databasesClosedAfterStop(
  'catalog',
  'scaffolder',
  'prometheus-federation',
);

jest.setTimeout(5 * 60_000);

async function api(method: string, route: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api${route}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

/** Polls `read` every 300 ms until `matches`, for at most `seconds`; fails with the last value. */
async function until<T>(
  what: string,
  read: () => Promise<T>,
  matches: (v: T) => boolean,
  seconds = 60,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (matches(last)) return last;
    await new Promise(r => setTimeout(r, 300));
  }
  throw new Error(`${what}: not reached; last ${JSON.stringify(last)}`);
}

/** One collection (the tracker runs after it is stored), then purple's onboarding or undefined. */
async function onboarding(): Promise<ClusterOnboarding | undefined> {
  const refreshed = await api('POST', '/prometheus-federation/refresh');
  expect(refreshed).toMatchObject({ status: 200 });
  const view = await api(
    'GET',
    `/prometheus-federation/clusters/${CLUSTER}/onboarding`,
  );
  return view.status === 200 ? view.body : undefined;
}

const firstPassed = (o: ClusterOnboarding | undefined, id: OnboardingStepId) =>
  o?.steps.find(s => s.id === id)?.firstPassedAt;

/** Runs a template through the scaffolder's API; its output once completed. */
async function runTemplate(name: string, values: Record<string, unknown>) {
  const templateRef = `template:default/${name}`;
  const body = { templateRef, values };
  const created = await api('POST', '/scaffolder/v2/tasks', body);
  const task = `/scaffolder/v2/tasks/${created.body.id}`;
  const ended = ['completed', 'failed', 'cancelled'];
  const { status } = await until(
    name,
    async () => (await api('GET', task)).body,
    t => ended.includes(t.status),
  );
  const events = (await api('GET', `${task}/events`)).body;
  const log = events.map((e: any) => e.body?.message).join('\n');
  if (status !== 'completed') throw new Error(`${name} ${status}: ${log}`);
  return events.find((e: any) => e.type === 'completion').body.output;
}

beforeAll(async () => {
  github = new LoopbackGitHub('acme', 'infrastructure', readFileTree(fixture));
  const githubApi = await github.start();
  const labOptions = { dir, basePort: BASE_PORT, clusters: [CLUSTER] };
  lab = await startLab({ ...labOptions, scrapeIntervalSeconds: 2 });
  for (const [fault] of FAULTS) await lab.fault(fault, CLUSTER);
  process.env.AWS_ACCESS_KEY_ID = lab.awsCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.awsCredentials.secretAccessKey;
  const template = (name: string) => ({
    type: 'file',
    target: path.join(repoRoot, 'templates', name, 'template.yaml'),
    rules: [{ allow: ['Template'] }],
  });
  backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogScaffolderModule,
      scaffolderPlugin,
      githubModule,
      federationScaffolderModule,
      prometheusFederationPlugin,
      ...databases.modules,
      mockServices.rootConfig.factory({
        data: {
          ...SCAFFOLDER_TEST_CONFIG,
          integrations: {
            github: [
              {
                host: 'github.com',
                apiBaseUrl: githubApi,
                rawBaseUrl: githubApi,
                token: 'loopback-token',
              },
            ],
          },
          catalog: {
            rules: [{ allow: ['Resource', 'Location'] }],
            locations: [
              template('add-cluster-to-federation'),
              template('remove-cluster-from-federation'),
            ],
            // A catalog that reads its locations every second or so, not every 100-150 s.
            processingInterval: { seconds: 1 },
          },
          prometheusFederation: {
            ...lab.backendConfig.prometheusFederation,
            // No configured cluster: purple comes from the catalog once the PR is merged.
            clusters: [],
            discovery: labDiscovery('federation.test'),
            upstreamTimeoutSeconds: 3,
            refreshIntervalSeconds: 3600,
            refresh: { minAgeSeconds: 0, perUserPerMinute: 0 },
            notifications: { enabled: false },
            // A step is stuck after 1.2 s, so that the test sees the warning.
            onboarding: { stuckAfterMinutes: 0.02 },
          },
        },
      }),
    ],
  });
  baseUrl = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }`;
  const templates = '/catalog/entities/by-name/template/default';
  const remove = () =>
    api('GET', `${templates}/remove-cluster-from-federation`);
  await until('templates', remove, r => r.status === 200);
});

afterAll(async () => {
  await backend?.stop();
  await databases.close();
  await lab?.stop();
  await github?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a cluster from the add template to healthy, then removed to gone', () => {
  it('follows purple through its pull request and the lab, each step timed in order', async () => {
    const startedAt = new Date().toISOString();
    const added = await runTemplate('add-cluster-to-federation', {
      cluster: CLUSTER,
      // The lab's domain: its leaf is served at prometheus-purple.federation.test.
      domain: 'federation.test',
      region: LAB_REGION,
      targetSecurityGroupId: nodeSecurityGroupId(CLUSTER),
      // What the form asks because it cannot derive it: the leaf's API and how to reach it.
      kubernetesApiServer: `https://127.0.0.1:${
        labPorts({ basePort: BASE_PORT, clusters: [CLUSTER] }).clusters[CLUSTER]
          .kubernetes
      }`,
      kubernetesApiServerCa: fs
        .readFileSync(lab.backendConfig.prometheusFederation.tls.caFile)
        .toString('base64'),
      kubernetesAuthProvider: 'aws',
      repoUrl: REPO_URL,
      baseBranch: 'main',
    });
    expect(github.pulls).toHaveLength(1);
    const pr = github.pulls[0];
    const url = prUrl(pr.number);
    expect(added.links).toEqual([{ title: 'Pull request', url }]);
    expect(github.filesAt(pr.head)[ENTITY_FILE]).toContain(
      `prometheus-federation.io/onboarding-pr: ${url}`,
    );
    // Not merged yet: the entity is not in the catalog, and the tracker knows nothing of purple;
    // ops Prometheus federates it already, so it is listed as unmanaged, with the add template.
    expect(await onboarding()).toBeUndefined();
    const before = (await api('GET', '/prometheus-federation/clusters')).body;
    expect(before.warnings).toContainEqual(
      expect.objectContaining({
        id: 'unmanaged-federate-job',
        cluster: CLUSTER,
        templateRef: 'template:default/add-cluster-to-federation',
      }),
    );

    github.merge(pr);
    const mergedAt = pr.mergedAt!;
    const stuck = await until('stuck', onboarding, o => !!o?.stuck);
    expect(stuck).toMatchObject({
      cluster: CLUSTER,
      phase: 'onboarding',
      entityRef: `resource:default/${CLUSTER}`,
      pullRequest: { url, state: 'merged', mergedAt, createdAt: pr.createdAt },
      currentStep: 'exposure',
      stuck: {
        remediation: {
          file: `argocd/applications/prod-${CLUSTER}/cluster-resources/prometheus-ingress.yaml`,
        },
      },
    });
    expect(firstPassed(stuck, 'pr-open')).toBe(pr.createdAt);
    expect(firstPassed(stuck, 'pr-merged')).toBe(mergedAt);
    for (const [, step] of FAULTS)
      expect(firstPassed(stuck, step)).toBeUndefined();

    // Each revert lets exactly its step pass: the first passes come in the steps' order.
    const times = [pr.createdAt, mergedAt];
    for (const [fault, step] of FAULTS.slice(0, -1)) {
      await lab.revert(fault, CLUSTER);
      const now = await until(
        `${step} passes`,
        onboarding,
        o => !!firstPassed(o, step),
        90,
      );
      const next = FAULTS[FAULTS.findIndex(([f]) => f === fault) + 1][1];
      expect(now).toMatchObject({ currentStep: next });
      times.push(firstPassed(now, step)!);
    }
    await lab.revert('apps-no-http-metrics', CLUSTER);
    // Healthy: onboarding is over, purple leaves the list.
    await until('out of onboarding', onboarding, o => o === undefined, 90);
    const overview = (await api('GET', '/prometheus-federation/clusters')).body;
    expect(overview.clusters.find((c: any) => c.name === CLUSTER).state).toBe(
      'healthy',
    );
    // Diagnosed from the catalog entity alone: its entity, its Kubernetes and EC2 facts.
    const detail = (
      await api('GET', `/prometheus-federation/clusters/${CLUSTER}`)
    ).body;
    expect(detail.cluster.entityRef).toBe(`resource:default/${CLUSTER}`);
    expect(
      detail.cluster.checks
        .filter((c: any) => ['ingress', 'security-group'].includes(c.id))
        .map((c: any) => [c.id, c.result]),
    ).toEqual([
      ['ingress', 'pass'],
      ['security-group', 'pass'],
    ]);
    expect(
      (await api('GET', '/prometheus-federation/clusters')).body.warnings,
    ).not.toContainEqual(
      expect.objectContaining({ id: 'unmanaged-federate-job' }),
    );
    const ms = times.map(t => Date.parse(t));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
    expect(ms[0]).toBeGreaterThanOrEqual(Date.parse(startedAt));
    expect(ms[ms.length - 1]).toBeLessThanOrEqual(Date.now());

    // Remove: the reverse pull request deletes the catalog file.
    const removed = await runTemplate('remove-cluster-from-federation', {
      cluster: CLUSTER,
      repoUrl: REPO_URL,
      baseBranch: 'main',
    });
    expect(github.pulls).toHaveLength(1);
    const reverse = github.pulls[0];
    expect(removed.links[0].url).toBe(prUrl(reverse.number));
    expect(github.filesAt(reverse.head)[ENTITY_FILE]).toBeUndefined();
    github.merge(reverse);
    // The real catalog reads the location again, gets a 404 and keeps the entity, with a
    // NotFoundError on the location: the tracker takes that as the removal. Purple is retiring
    // while ops Prometheus has its job (the lab's ops keeps federate-purple).
    const retiring = await until('retiring', onboarding, o => !!o?.phase);
    expect(retiring).toMatchObject({ phase: 'retiring', federated: true });
    const entity = `/catalog/entities/by-name/resource/default/${CLUSTER}`;
    expect((await api('GET', entity)).status).toBe(200);

    // Ops Prometheus syncs the merged removal: federate-purple leaves it. Retired: the tracker
    // forgets purple, while its entity still lingers in the catalog with the not-found error.
    await dropFederateJob(lab, CLUSTER);
    await until('retired', onboarding, o => o === undefined);
    expect((await api('GET', entity)).status).toBe(200);
    // Unregistered, as the remove template's result asks: the entity leaves the catalog.
    const location = await api(
      'GET',
      `/catalog/locations/by-entity/resource/default/${CLUSTER}`,
    );
    expect(location.body.target).toContain(ENTITY_FILE);
    const unregistered = await api(
      'DELETE',
      `/catalog/locations/${location.body.id}`,
    );
    expect(unregistered.status).toBe(204);
    expect((await api('GET', entity)).status).toBe(404);
    // Gone: not on the page (neither a cluster nor an unmanaged job), and not tracked.
    const gone = await until(
      'gone',
      async () => {
        await onboarding();
        return (await api('GET', '/prometheus-federation/clusters')).body;
      },
      o =>
        !o.clusters.some((c: any) => c.name === CLUSTER) &&
        !o.warnings.some((w: any) => w.cluster === CLUSTER),
    );
    expect(gone.opsPrometheus).toEqual({ reachable: true });
    expect(await onboarding()).toBeUndefined();
    expect(github.unknownRequests).toEqual([]);
  });
});
