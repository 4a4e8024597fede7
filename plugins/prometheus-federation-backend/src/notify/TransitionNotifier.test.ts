import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  APPLICATION_ANNOTATION,
  CLUSTER_ANNOTATION,
  ClusterState,
  ClusterStatus,
} from '@promfed/plugin-prometheus-federation-common';
import { HistoryStore } from '../store/historyStore';
import { FederationSnapshot } from '../triage/triageFederation';
import { NotifiedStateStore } from './NotifiedStateStore';
import { TransitionNotifier } from './TransitionNotifier';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const t = (s: number) =>
  new Date(Date.UTC(2026, 10, 30, 12, 0, s)).toISOString();

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'green', annotations: { [CLUSTER_ANNOTATION]: 'green' } },
    spec: { owner: 'group:default/platform' },
  },
  // Claims green from elsewhere: discovery refused it, so its owners hear nothing of green.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'green',
      namespace: 'sandbox',
      annotations: { [CLUSTER_ANNOTATION]: 'green' },
    },
    spec: { owner: 'group:default/intruder' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'dareyscore',
      annotations: { [APPLICATION_ANNOTATION]: 'dareyscore' },
    },
    spec: { owner: 'group:default/learning' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'elsewhere',
      annotations: { [APPLICATION_ANNOTATION]: 'elsewhere' },
    },
    spec: { owner: 'group:default/other' },
  },
];

function snapshot(
  state: ClusterState,
  since: string,
  at: string,
  applications: Record<string, { series: number }> = {},
  belongsTo: Partial<ClusterStatus> = {
    configured: true,
    entityRef: 'resource:default/green',
  },
): FederationSnapshot {
  const green = {
    name: 'green',
    ...belongsTo,
    state,
    stateSince: since,
    headline:
      state === 'healthy'
        ? undefined
        : {
            check: 'target',
            summary: 'federate-green is down: connection refused',
          },
    remediation: { summary: 'Start the leaf Prometheus' },
  } as ClusterStatus;
  return {
    generatedAt: at,
    opsPrometheus: { reachable: true },
    clusters: [green],
    warnings: [],
    applications: { green: applications },
  };
}

async function replicas(count: number) {
  const knex = await databases.init('SQLITE_3');
  await HistoryStore.create({ getClient: async () => knex }); // runs the migrations
  const send = jest.fn(async () => {});
  const audit = recordingAuditor();
  const notifiers = await Promise.all(
    Array.from(
      { length: count },
      async () =>
        new TransitionNotifier({
          store: await NotifiedStateStore.create({
            getClient: async () => knex,
          }),
          notifications: { send },
          catalog: catalogServiceMock({ entities }),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          auditor: audit.auditor,
          minStateSeconds: 120,
        }),
    ),
  );
  return { notifiers, send, events: audit.events };
}

describe('TransitionNotifier', () => {
  it('tells the owners of the cluster and its applications once, after the state held', async () => {
    const { notifiers, send, events } = await replicas(2);
    const [a, b] = notifiers;
    await a.onSnapshot(
      snapshot('healthy', t(0), t(0), { dareyscore: { series: 4 } }),
    );
    // Down: the series are gone, the application is remembered.
    await a.onSnapshot(snapshot('down', t(10), t(10)));
    await a.onSnapshot(snapshot('down', t(10), t(60)));
    expect(send).not.toHaveBeenCalled();

    // Both replicas see the same snapshot past the minimum duration: one sends.
    await Promise.all([
      a.onSnapshot(snapshot('down', t(10), t(130))),
      b.onSnapshot(snapshot('down', t(10), t(130))),
    ]);
    await b.onSnapshot(snapshot('down', t(10), t(190)));
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['component:default/dareyscore', 'resource:default/green'],
      },
      payload: expect.objectContaining({
        title:
          'green federation is down: federate-green is down: connection refused',
        link: '/prometheus-federation/clusters/green',
        severity: 'critical',
        topic: 'prometheus-federation',
      }),
    });

    // Recovered, once it held.
    await a.onSnapshot(snapshot('healthy', t(200), t(250)));
    expect(send).toHaveBeenCalledTimes(1);
    await b.onSnapshot(snapshot('healthy', t(200), t(330)));
    await a.onSnapshot(snapshot('healthy', t(200), t(400)));
    expect(send).toHaveBeenCalledTimes(2);
    // Each notification sent is audited: the cluster, its state, the recipients, the outcome.
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'notification-sent',
        meta: {
          actor: 'plugin:prometheus-federation',
          cluster: 'green',
          state: 'down',
          kind: 'problem',
          recipients: [
            'component:default/dareyscore',
            'resource:default/green',
          ],
        },
        outcome: 'success',
      }),
      expect.objectContaining({
        meta: expect.objectContaining({ state: 'healthy', kind: 'recovered' }),
        outcome: 'success',
      }),
    ]);
    expect(send).toHaveBeenLastCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({
          title: 'green federation recovered: healthy',
          severity: 'normal',
        }),
      }),
    );
  });

  it('tells nothing about a flap shorter than the minimum duration', async () => {
    const { notifiers, send } = await replicas(1);
    const [a] = notifiers;
    await a.onSnapshot(snapshot('healthy', t(0), t(0)));
    await a.onSnapshot(snapshot('down', t(10), t(10)));
    await a.onSnapshot(snapshot('healthy', t(40), t(40)));
    await a.onSnapshot(snapshot('healthy', t(40), t(400)));
    expect(send).not.toHaveBeenCalled();
  });

  it.each([
    [
      'only the entity the cluster belongs to',
      undefined,
      ['component:default/dareyscore', 'resource:default/green'],
    ],
    [
      "no cluster entity for a cluster only ops Prometheus knows (its applications' owners only)",
      { configured: false, entityRef: 'resource:default/green' },
      ['component:default/dareyscore'],
    ],
  ])(
    'tells %s, never another entity annotated with the cluster',
    async (_what, belongsTo, recipients) => {
      const { notifiers, send } = await replicas(1);
      const [a] = notifiers;
      const apps = { dareyscore: { series: 4 } };
      await a.onSnapshot(snapshot('healthy', t(0), t(0), apps, belongsTo));
      await a.onSnapshot(snapshot('down', t(10), t(10), apps, belongsTo));
      await a.onSnapshot(snapshot('down', t(10), t(200), apps, belongsTo));
      expect(send).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: { type: 'entity', entityRef: recipients },
        }),
      );
    },
  );
});
