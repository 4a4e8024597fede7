import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CLUSTER_ANNOTATION,
  ClusterStatus,
  ONBOARDING_PR_ANNOTATION,
  RETIRING_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';
import { PullRequestCollector } from '../collectors/pullRequests';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { context, healthyFacts } from '../__testUtils__/triageFixtures';
import { LifecycleStore } from '../store/lifecycleStore';
import { triageCluster } from '../triage/triageFederation';
import { OnboardingService } from './OnboardingService';
import { NO_INGRESS } from '../collectors/kubernetesObjects';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const PR = 'https://github.example.com/acme/infra/pull/42';
const T0 = Date.parse('2026-11-24T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'blue',
    namespace: 'default',
    annotations: { [CLUSTER_ANNOTATION]: 'blue', ...annotations },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
});

function withoutIngress(): ClusterStatus {
  const facts = healthyFacts();
  facts.kubernetes!.ingress = { ok: true, value: NO_INGRESS };
  return triageCluster(context(facts), []);
}

describe('OnboardingService', () => {
  let github: LocalServer;
  afterEach(() => github?.close());

  async function setup(entities: Entity[]) {
    let pr: object = {
      state: 'open',
      created_at: at(0).toISOString(),
      merged_at: null,
    };
    github = await startLocalServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(pr));
    });
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({
      directory: `${__dirname}/../../migrations`,
    });
    const clock = { now: at(1) };
    let status: ClusterStatus | undefined;
    const catalog = { entities };
    const service = () =>
      new OnboardingService({
        catalog: catalogServiceMock({ entities: catalog.entities }),
        auth: mockServices.auth(),
        store: new LifecycleStore(knex),
        pullRequests: new PullRequestCollector(
          [{ host: 'github.example.com', apiBaseUrl: github.url, token: 't' }],
          2,
          1 << 20,
        ),
        stuckAfterMinutes: 30,
        logger: mockServices.logger.mock(),
        status: async () => status,
        now: () => clock.now,
      });
    const snapshot = () => ({
      generatedAt: clock.now.toISOString(),
      opsPrometheus: { reachable: true },
      clusters: status ? [status] : [],
      warnings: [],
    });
    return {
      clock,
      catalog,
      service,
      snapshot,
      merge: (minutes: number) => {
        pr = { ...pr, state: 'closed', merged_at: at(minutes).toISOString() };
      },
      setStatus: (s: ClusterStatus | undefined) => {
        status = s;
      },
    };
  }

  it('walks a cluster from the open PR through a stuck step to healthy, with first-pass times', async () => {
    const t = await setup([entity({ [ONBOARDING_PR_ANNOTATION]: PR })]);
    await t.service().onSnapshot(t.snapshot());
    let view = (await t.service().cluster('blue'))!;
    expect(view).toMatchObject({
      phase: 'onboarding',
      currentStep: 'pr-merged',
      pullRequest: { state: 'open' },
    });
    expect(view.steps[0].firstPassedAt).toBe(at(0).toISOString());

    t.merge(5);
    t.setStatus(withoutIngress());
    t.clock.now = at(40);
    await t.service().onSnapshot(t.snapshot());
    view = (await t.service().cluster('blue'))!;
    expect(view.currentStep).toBe('exposure');
    expect(view.currentStepSeconds).toBe(35 * 60);
    expect(view.stuck?.remediation.file).toContain('prometheus-ingress.yaml');
    expect((await t.service().overview()).clusters).toHaveLength(1);

    t.setStatus(triageCluster(context(), []));
    t.clock.now = at(45);
    await t.service().onSnapshot(t.snapshot());
    // Healthy: onboarding is over, and the same link does not start it again.
    expect(await t.service().cluster('blue')).toBeUndefined();
    await t.service().onSnapshot(t.snapshot());
    expect((await t.service().overview()).clusters).toEqual([]);
  });

  it('shows a removed cluster as retiring until ops no longer has its job', async () => {
    const t = await setup([entity({})]);
    const federated = triageCluster(context(), []);
    t.setStatus(federated);
    await t.service().onSnapshot(t.snapshot());
    expect(await t.service().cluster('blue')).toBeUndefined();

    t.catalog.entities = [entity({ [RETIRING_ANNOTATION]: 'true' })];
    await t.service().onSnapshot(t.snapshot());
    expect(await t.service().cluster('blue')).toMatchObject({
      phase: 'retiring',
      federated: true,
    });

    t.catalog.entities = [];
    t.setStatus({ ...federated, federated: false });
    await t.service().onSnapshot(t.snapshot());
    expect(await t.service().cluster('blue')).toBeUndefined();
  });
  it('takes a cluster whose catalog file is gone (its location answers 404) as removed', async () => {
    const file =
      'https://github.example.com/acme/infra/blob/main/catalog/clusters';
    const managed = (name: string): Entity => {
      const e = entity({
        'backstage.io/managed-by-location': `url:${file}/${name}.yaml`,
      });
      return {
        ...e,
        metadata: {
          ...e.metadata,
          name,
          annotations: {
            ...e.metadata.annotations,
            [CLUSTER_ANNOTATION]: name,
          },
        },
      };
    };
    const notFound = (name: string) =>
      ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Location',
        metadata: { name: `generated-${name}` },
        spec: { type: 'url', target: `${file}/${name}.yaml` },
        status: {
          items: [{ level: 'error', error: { name: 'NotFoundError' } }],
        },
      } as Entity);
    const t = await setup([managed('blue'), managed('green')]);
    t.setStatus(triageCluster(context(), []));
    await t.service().onSnapshot(t.snapshot());

    // Both files gone at once: the token lost access, nothing is retiring.
    t.catalog.entities = [
      managed('blue'),
      managed('green'),
      notFound('blue'),
      notFound('green'),
    ];
    await t.service().onSnapshot(t.snapshot());
    expect(await t.service().cluster('blue')).toBeUndefined();

    // Only blue's file gone (the remove pull request merged): blue is retiring.
    t.catalog.entities = [managed('blue'), managed('green'), notFound('blue')];
    await t.service().onSnapshot(t.snapshot());
    expect(await t.service().cluster('blue')).toMatchObject({
      phase: 'retiring',
      federated: true,
    });
  });
});
