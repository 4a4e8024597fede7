import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
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
    let statuses: ClusterStatus[] = [];
    const catalog: { entities: Entity[]; hang?: boolean } = { entities };
    const snapshotReads = { count: 0 };
    const logger = mockServices.logger.mock();
    const pullRequests = PullRequestCollector.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: 'github.example.com', apiBaseUrl: github.url, token: 't' },
          ],
        },
      }),
      { timeoutSeconds: 2, maxResponseBytes: 1 << 20 },
    );
    const service = () => {
      const mock = catalogServiceMock({ entities: catalog.entities });
      return new OnboardingService({
        catalog: catalog.hang
          ? ({
              ...mock,
              getEntities: () => new Promise(() => {}),
            } as typeof mock)
          : mock,
        auth: mockServices.auth(),
        store: new LifecycleStore(knex, 3000),
        pullRequests,
        stuckAfterMinutes: 30,
        catalogTimeoutSeconds: 1,
        logger,
        clusters: async () => {
          snapshotReads.count++;
          return statuses;
        },
        now: () => clock.now,
      });
    };
    const snapshot = () => ({
      generatedAt: clock.now.toISOString(),
      opsPrometheus: { reachable: true },
      clusters: statuses,
      warnings: [],
    });
    return {
      clock,
      catalog,
      service,
      snapshot,
      logger,
      snapshotReads,
      github: () => github,
      merge: (minutes: number) => {
        pr = { ...pr, state: 'closed', merged_at: at(minutes).toISOString() };
      },
      close: () => {
        pr = { ...pr, state: 'closed', merged_at: null };
      },
      setStatus: (s: ClusterStatus | undefined) => {
        statuses = s ? [s] : [];
      },
      setStatuses: (s: ClusterStatus[]) => {
        statuses = s;
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

  const named = (name: string, annotations: Record<string, string>): Entity => {
    const e = entity(annotations);
    return {
      ...e,
      metadata: {
        ...e.metadata,
        name,
        annotations: { ...e.metadata.annotations, [CLUSTER_ANNOTATION]: name },
      },
    };
  };
  /** A cluster the tracker sees onboarding, with the open PR's step recorded. */
  async function onboardingTwo() {
    const blue = named('blue', { [ONBOARDING_PR_ANNOTATION]: PR });
    const green = named('green', { [ONBOARDING_PR_ANNOTATION]: `${PR}1` });
    const t = await setup([blue, green]);
    await t.service().onSnapshot(t.snapshot());
    const before = await t.service().overview();
    expect(before.clusters.map(c => c.cluster)).toEqual(['blue', 'green']);
    expect(before.clusters[0].steps[0].firstPassedAt).toBe(at(0).toISOString());
    return { t, before, blue, green };
  }

  it('keeps every cluster and its history through an empty catalog answer', async () => {
    const { t, before } = await onboardingTwo();
    t.catalog.entities = [];
    t.clock.now = at(5);
    await t.service().onSnapshot(t.snapshot());
    const after = await t.service().overview();
    expect(after.clusters.map(c => [c.cluster, c.phase, c.since])).toEqual(
      before.clusters.map(c => [c.cluster, c.phase, c.since]),
    );
    expect(after.clusters[0].steps[0].firstPassedAt).toBe(at(0).toISOString());
    expect(t.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('taken as an access problem, not removals'),
    );
  });

  it('keeps the missing cluster through a partial answer, and tracks the other', async () => {
    const { t, blue } = await onboardingTwo();
    t.catalog.entities = [blue];
    t.merge(3);
    t.clock.now = at(5);
    await t.service().onSnapshot(t.snapshot());
    const after = await t.service().overview();
    expect(after.clusters.map(c => [c.cluster, c.phase])).toEqual([
      ['blue', 'onboarding'],
      ['green', 'onboarding'],
    ]);
    expect(after.clusters[0].steps[1].firstPassedAt).toBe(at(3).toISOString());
    expect(after.clusters[1].steps[0].firstPassedAt).toBe(at(0).toISOString());
  });

  it('gives up on a catalog that hangs, within its timeout, and changes nothing', async () => {
    const { t, before } = await onboardingTwo();
    t.catalog.hang = true;
    const started = Date.now();
    await t.service().after(async () => {})(t.snapshot());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(t.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'the catalog could not be read: timeout after 1 s',
      ),
    );
    // The collection's abort signal also ends the pass.
    const aborted = new AbortController();
    aborted.abort();
    await expect(
      t.service().onSnapshot(t.snapshot(), aborted.signal),
    ).rejects.toThrow('aborted');
    t.catalog.hang = false;
    expect(await t.service().overview()).toEqual(before);
  });

  it('shows a PR closed without merging as abandoned, and stops reading it', async () => {
    const t = await setup([entity({ [ONBOARDING_PR_ANNOTATION]: PR })]);
    await t.service().onSnapshot(t.snapshot());
    t.close();
    t.clock.now = at(60);
    await t.service().onSnapshot(t.snapshot());
    const reads = t.github().requests.length;
    await t.service().onSnapshot(t.snapshot());
    await t.service().onSnapshot(t.snapshot());
    expect(t.github().requests).toHaveLength(reads);
    const view = (await t.service().cluster('blue'))!;
    expect(view.pullRequest?.state).toBe('closed');
    expect(view.steps[1].summary).toContain('abandoned');
    expect(view.stuck?.remediation.summary).toContain('abandoned');
  });

  it('reads the snapshot once per request, however many clusters are listed', async () => {
    const { t } = await onboardingTwo();
    t.snapshotReads.count = 0;
    await t.service().overview();
    expect(t.snapshotReads.count).toBe(1);
  });

  it("moves a known cluster into onboarding for a link on its own entity, never on another entity's", async () => {
    const federated = {
      ...triageCluster(context(), []),
      state: 'down' as const,
      configured: true,
      entityRef: 'resource:default/blue',
    };
    const t = await setup([entity({})]);
    t.setStatus(federated);
    await t.service().onSnapshot(t.snapshot());
    const impostor = {
      ...named('blue', { [ONBOARDING_PR_ANNOTATION]: PR }),
    };
    impostor.metadata = { ...impostor.metadata, name: 'blue-copy' };
    t.catalog.entities = [entity({}), impostor];
    await t.service().onSnapshot(t.snapshot());
    expect(await t.service().cluster('blue')).toBeUndefined();
    expect((await t.service().overview()).clusters).toEqual([]);

    t.catalog.entities = [entity({ [ONBOARDING_PR_ANNOTATION]: PR }), impostor];
    await t.service().onSnapshot(t.snapshot());
    expect((await t.service().cluster('blue'))?.phase).toBe('onboarding');
  });

  it('refuses one entity whose annotation breaks the rules, and tracks the others', async () => {
    const long = 'x'.repeat(300);
    const t = await setup([
      named(long, { [ONBOARDING_PR_ANNOTATION]: PR }),
      named('green', { [ONBOARDING_PR_ANNOTATION]: PR }),
    ]);
    await t.service().onSnapshot(t.snapshot());
    expect((await t.service().overview()).clusters.map(c => c.cluster)).toEqual(
      ['green'],
    );
    expect(t.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'cluster-annotation'.length ? 'Not tracking' : '',
      ),
    );
  });

  it('tracks the other clusters when one fails', async () => {
    const { t } = await onboardingTwo();
    const service = t.service();
    const store = (service as unknown as { options: { store: LifecycleStore } })
      .options.store;
    const save = store.save.bind(store);
    jest
      .spyOn(store, 'save')
      .mockImplementation(async (row, reset) =>
        row.cluster === 'blue'
          ? Promise.reject(new Error('row too long'))
          : save(row, reset),
      );
    t.merge(3);
    t.clock.now = at(5);
    await service.onSnapshot(t.snapshot());
    expect(t.logger.warn).toHaveBeenCalledWith(
      'Could not track cluster blue: Error: row too long',
    );
    const green = (await t.service().cluster('green'))!;
    expect(green.pullRequest?.state).toBe('merged');
  });
});
