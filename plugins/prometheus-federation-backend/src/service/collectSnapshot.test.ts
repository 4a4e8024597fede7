import { mockServices } from '@backstage/backend-test-utils';
import { FederationOptions } from '../config/options';
import { HistoryStore } from '../store/historyStore';
import { SnapshotStore } from '../store/snapshotStore';
import { FederationSnapshot } from '../triage/triageFederation';
import { SnapshotCollector } from '../worker/SnapshotCollector';
import { RequestCounter } from '../collectors/requestCounter';
import { collectSnapshot } from './collectSnapshot';

/** collectSnapshot reads only the clusters (without discovery) and the interval. */
const config = {
  clusters: [],
  refreshIntervalSeconds: 300,
} as unknown as FederationOptions;

/** Each step of one collection, in the order it happened. */
function recordingParts(collected: () => Promise<FederationSnapshot>) {
  const steps: string[] = [];
  const collector: SnapshotCollector = {
    counter: new RequestCounter(),
    collect: async () => {
      steps.push('collect');
      return collected();
    },
    snapshotHandled: () => steps.push('snapshot handled'),
    close: () => {},
  };
  const history = {
    record: async () => {
      steps.push('history');
      return new Map();
    },
  } as unknown as HistoryStore;
  const snapshots = {
    get: async () => ({}),
    set: async () => {
      steps.push('stored');
    },
  } as unknown as SnapshotStore;
  const listener = {
    name: 'notifier',
    onStored: async () => {
      await new Promise(resolve => setTimeout(resolve, 20));
      steps.push('listener done');
    },
  };
  return { steps, collector, history, snapshots, listeners: [listener] };
}

const snapshot = (): FederationSnapshot =>
  ({
    generatedAt: new Date().toISOString(),
    clusters: [{ name: 'blue', state: 'healthy' }],
    warnings: [],
  } as unknown as FederationSnapshot);

describe('collectSnapshot', () => {
  const common = {
    config,
    logger: mockServices.logger.mock(),
    redacted: String,
  };

  it('tells the collector the snapshot is handled once it is stored and every listener has run', async () => {
    const parts = recordingParts(async () => snapshot());
    await collectSnapshot({ ...common, ...parts });
    expect(parts.steps).toEqual([
      'collect',
      'history',
      'stored',
      'listener done',
      'snapshot handled',
    ]);
  });

  it('tells it too when the collection failed', async () => {
    const parts = recordingParts(async () => {
      throw new Error('ops Prometheus refused');
    });
    await expect(collectSnapshot({ ...common, ...parts })).rejects.toThrow(
      'ops Prometheus refused',
    );
    expect(parts.steps).toEqual(['collect', 'snapshot handled']);
  });
});
