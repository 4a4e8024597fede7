import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CLUSTER_ANNOTATION } from '@promfed/plugin-prometheus-federation-common';
import { PullRequestCollector } from '../collectors/pullRequests';
import { LifecycleStore } from '../store/lifecycleStore';
import { fleet } from '../__testUtils__/fleetFacts';
import { recordingAuditor } from '../__testUtils__/recordingAuditor';
import { NotifiedStateStore } from '../notify/NotifiedStateStore';
import { TransitionNotifier } from '../notify/TransitionNotifier';
import { HistoryStore } from '../store/historyStore';
import { encodeList } from '../router/listBody';
import { summaryOf } from '../store/federationList';
import { encodeSnapshotValue } from '../store/snapshotEncoding';
import { triageFederationInSlices } from '../triage/triageFederation';
import {
  PackedSnapshot,
  packSnapshot,
  unpackSnapshot,
} from '../worker/snapshotTransfer';
import { DEFAULT_REFRESH_INTERVAL_SECONDS } from '../config/options';
import { OnboardingService } from './OnboardingService';
import { overviewOf } from './overview';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** The aim: no request waits more than this for the work after a collection. */
const AIM_MS = 50;
/**
 * A loaded CI machine adds its own stalls to any Node process (an idle one measured up to 75 ms
 * on the busy bench machine; the unit stage runs two test files at once on 2 cores, and this
 * test measured holds of 109–125 ms there). The test allows the aim four times over, which
 * unpaced work at 1000 clusters still exceeds: the owners' notifier writing one statement per
 * cluster held the loop 5.1 s, the history and onboarding writes 0.8 s, before they were paced.
 * The aim itself is measured by bench/footprint.bench.ts, on the real backend process.
 */
const LOADED_MACHINE_MARGIN = 4;

/** What the collection worker hands back for one collection: the triaged snapshot, in pieces. */
async function fromWorker({ options, facts }: ReturnType<typeof fleet>) {
  return packSnapshot(await triageFederationInSlices(facts, options)).packed;
}

/**
 * Everything the serving thread does with one collection's result, without I/O: the snapshot's
 * pieces read back, the snapshot and the list encoded. (Collection and triage run on the
 * collection worker.)
 */
async function afterCollection(packed: PackedSnapshot) {
  const snapshot = await unpackSnapshot(packed);
  const { applications: _a, ...rest } = snapshot;
  const list = { ...rest, clusters: snapshot.clusters.map(summaryOf) };
  await encodeSnapshotValue(snapshot);
  await encodeSnapshotValue(list);
  await encodeList(overviewOf(list, DEFAULT_REFRESH_INTERVAL_SECONDS));
  return snapshot;
}

/** How often the probe asks for a turn of the event loop. */
const PROBE_MS = 5;

/**
 * The longest time the event loop was held while `work` ran, in ms: a timer due every PROBE_MS
 * notes how late each turn came. The probe runs one more turn after the work, or a hold at its
 * very end would go unseen. The garbage collector's pauses inside a gap are taken out: they are
 * the test process's heap (Jest's and every earlier test's), not work the plugin left unpaced;
 * the benchmark measures the backend's own.
 */
async function longestHold(work: () => Promise<unknown>): Promise<number> {
  const gaps: Array<[start: number, end: number]> = [];
  const pauses: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver(list =>
    pauses.push(...list.getEntries()),
  );
  gcObserver.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    gaps.push([last, now]);
    last = now;
  }, PROBE_MS);
  try {
    last = performance.now();
    await work();
    await new Promise(resolve => setTimeout(resolve, 2 * PROBE_MS));
  } finally {
    clearInterval(probe);
  }
  // The observer hears of a pause after it: one more turn delivers the last ones.
  await new Promise(resolve => setTimeout(resolve, PROBE_MS));
  gcObserver.disconnect();
  const collecting = (start: number, end: number) =>
    pauses.reduce(
      (sum, p) =>
        sum +
        Math.max(
          0,
          Math.min(end, p.startTime + p.duration) -
            Math.max(start, p.startTime),
        ),
      0,
    );
  return Math.max(
    0,
    ...gaps.map(
      ([start, end]) => end - start - PROBE_MS - collecting(start, end),
    ),
  );
}

describe("the serving thread's work after a collection at 1000 clusters", () => {
  it('forms the fleet the measurement needs: mostly healthy, a shared cause', async () => {
    const snapshot = await afterCollection(await fromWorker(fleet(1000)));
    expect(snapshot.clusters).toHaveLength(1000);
    expect(snapshot.clusters.filter(c => c.state === 'healthy')).toHaveLength(
      900,
    );
    expect(snapshot.sharedCauses?.[0]?.clusters).toHaveLength(100);
  });

  it('never holds the event loop longer than the aim', async () => {
    // Warm: module compilation and the first JIT pass are start-up, not a refresh.
    await afterCollection(await fromWorker(fleet(1000)));
    const packed = await fromWorker(fleet(1000));
    const held = await longestHold(() => afterCollection(packed));
    expect(held).toBeLessThan(AIM_MS * LOADED_MACHINE_MARGIN);
  });

  it('records the history, the notified states and the lifecycles without holding it either', async () => {
    // In-memory SQLite (better-sqlite3): each statement runs synchronously on the event loop.
    const knex = await databases.init('SQLITE_3');
    const history = await HistoryStore.create({ getClient: async () => knex });
    const snapshot = await afterCollection(await fromWorker(fleet(1000)));
    const entities = snapshot.clusters.map(c => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: c.name, annotations: { [CLUSTER_ANNOTATION]: c.name } },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    }));
    const services = {
      // The catalog answers over HTTP, on a later turn of the loop (its in-memory mock filters
      // 1000 entities synchronously, a cost no backend has).
      catalog: catalogServiceMock.mock({
        getEntities: async request => {
          await new Promise(resolve => setImmediate(resolve));
          const kind = (request?.filter as { kind?: string } | undefined)?.kind;
          return { items: kind === 'Resource' ? entities : [] };
        },
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    };
    const notifier = new TransitionNotifier({
      ...services,
      store: await NotifiedStateStore.create({ getClient: async () => knex }),
      notifications: { send: async () => {} },
      auditor: recordingAuditor().auditor,
      // A new state is told once it has held this long: the first snapshot writes, sends nothing.
      minStateSeconds: 120,
    });
    const onboarding = new OnboardingService({
      ...services,
      store: new LifecycleStore(knex, 3000),
      pullRequests: PullRequestCollector.fromConfig(new ConfigReader({}), {
        timeoutSeconds: 2,
        maxResponseBytes: 1 << 20,
      }),
      stuckAfterMinutes: 60,
      catalogTimeoutSeconds: 2,
      clusters: async () => snapshot.clusters,
    });
    // The first snapshot: a history row, a notified state, its applications and a lifecycle
    // per cluster.
    const held = await longestHold(async () => {
      const since = await history.record(
        snapshot.clusters,
        snapshot.generatedAt,
      );
      for (const c of snapshot.clusters) c.stateSince = since.get(c.name);
      await notifier.onSnapshot(snapshot);
      await onboarding.onSnapshot(snapshot);
    });
    for (const table of ['notified_states', 'cluster_lifecycle'])
      expect(await knex(table).count({ n: '*' })).toEqual([{ n: 1000 }]);
    expect(held).toBeLessThan(AIM_MS * LOADED_MACHINE_MARGIN);
  });
});
