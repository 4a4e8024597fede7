import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../config/readFederationConfig';
import {
  LocalServer,
  replayPrometheus,
  startLocalServer,
} from '../__testUtils__/localServer';
import recorded from '../__fixtures__/prometheus-2.42.json';
import { InProcessSnapshotCollector } from './InProcessSnapshotCollector';
import { ToCollectionWorker } from './messages';
import { packSnapshot } from './snapshotTransfer';
import { startCollectionWorker } from './startCollectionWorker';
import { WorkerSnapshotCollector } from './WorkerSnapshotCollector';

// The worker loads the TypeScript sources through the Backstage node transform: a cold start.
jest.setTimeout(60_000);

function options(url: string) {
  return readFederationConfig(
    new ConfigReader({
      prometheusFederation: {
        opsPrometheus: { url, bearerToken: 'ops-token-never-shown' },
        upstreamTimeoutSeconds: 1,
        // Loopback only: the leaves' names are never looked up outside this machine.
        dnsServers: ['127.0.0.1:9'],
        clusters: ['blue', 'green'].map(name => ({
          name,
          prometheus: { host: `prometheus-${name}.federation.test` },
        })),
      },
    }),
  )!;
}

/** What a collection found, without the times that differ from run to run. */
const findings = (
  snapshot: Awaited<ReturnType<InProcessSnapshotCollector['collect']>>,
) =>
  snapshot.clusters.map(c => ({
    name: c.name,
    state: c.state,
    checks: c.checks.map(check => [check.id, check.result]),
  }));

describe('WorkerSnapshotCollector', () => {
  let server: LocalServer;
  let collector: WorkerSnapshotCollector | undefined;
  afterEach(async () => {
    collector?.close();
    await server?.close();
  });

  it('collects and triages in a worker thread what the same work finds in-process', async () => {
    server = await startLocalServer(replayPrometheus(recorded));
    const config = options(server.url);
    const inProcess = new InProcessSnapshotCollector(config);
    const expected = await inProcess.collect(config.clusters);
    collector = new WorkerSnapshotCollector(config);

    const snapshot = await collector.collect(config.clusters);

    expect(findings(snapshot)).toEqual(findings(expected));
    expect(findings(snapshot).map(c => c.name)).toEqual(['blue', 'green']);
    expect(snapshot.opsPrometheus).toEqual(expected.opsPrometheus);
    // The timing and the request counts come back with the snapshot.
    expect(collector.lastTiming?.durationMs).toBeGreaterThanOrEqual(0);
    expect(collector.counter.snapshot()).toEqual(inProcess.counter.snapshot());
    expect(collector.counter.snapshot().opsPrometheus).toBeGreaterThan(0);
  });

  it('ends a collection when its signal aborts, and collects again after it', async () => {
    let hang = true;
    const replay = replayPrometheus(recorded);
    server = await startLocalServer((req, res) => {
      if (!hang) replay(req, res);
    });
    const config = options(server.url);
    collector = new WorkerSnapshotCollector(config);
    const controller = new AbortController();
    const first = collector.collect(config.clusters, controller.signal);
    await waitUntil(() => server.requests.length > 0);
    controller.abort(new Error('the task timed out'));
    await expect(first).rejects.toThrow('the task timed out');

    hang = false;
    const next = await collector.collect(config.clusters);
    expect(next.clusters.map(c => c.name)).toEqual(['blue', 'green']);
  });

  it('fails the collection of a worker that dies mid-collection, naming it, and starts a new one for the next', async () => {
    let hang = true;
    const replay = replayPrometheus(recorded);
    server = await startLocalServer((req, res) => {
      if (!hang) replay(req, res);
    });
    const config = options(server.url);
    const started: Worker[] = [];
    collector = new WorkerSnapshotCollector(config, data => {
      const worker = startCollectionWorker(data);
      started.push(worker);
      return worker;
    });
    const first = collector.collect(config.clusters);
    await waitUntil(() => server.requests.length > 0);
    await started[0].terminate();
    await expect(first).rejects.toThrow(
      /The federation collection worker stopped \(exit code 1\); the next collection starts a new one/,
    );

    hang = false;
    const next = await collector.collect(config.clusters);
    expect(next.clusters.map(c => c.name)).toEqual(['blue', 'green']);
    expect(started).toHaveLength(2);
  });

  it('gives the worker options that are plain data: a structured clone keeps every field', () => {
    const full = readFederationConfig(
      new ConfigReader({
        prometheusFederation: {
          opsPrometheus: {
            url: 'https://ops.example.com',
            basicAuth: { username: 'ops', password: 'never-shown' },
          },
          grafana: { baseUrl: 'https://grafana.example.com', token: 't' },
          argocd: { baseUrl: 'https://argocd.example.com' },
          aws: { opsSource: { cidr: '203.0.113.10/32' } },
          concurrency: { kubernetes: 8 },
          clusters: [
            {
              name: 'blue',
              prometheus: { host: 'prometheus-blue.example.com' },
              kubernetes: { url: 'https://blue.example.com', token: 'k' },
              aws: { region: 'eu-west-1', nodeSecurityGroupId: 'sg-01234567' },
            },
          ],
          discovery: {
            allowedHosts: ['*.example.com'],
            serviceAccountTokens: [{ cluster: 'green', token: 'sa-token' }],
          },
        },
      }),
    )!;
    expect(notPlainData(full)).toEqual([]);
    expect(structuredClone(full)).toEqual(full);
  });

  it('asks the worker to collect its garbage a while after the snapshot is handled, not at once', async () => {
    // A worker that answers each collection with an empty snapshot, and notes what it is told.
    const told: ToCollectionWorker[] = [];
    const worker = Object.assign(new EventEmitter(), {
      ref: () => {},
      unref: () => {},
      terminate: async () => 0,
      postMessage: (message: ToCollectionWorker) => {
        told.push(message);
        if (message.type !== 'collect') return;
        const { packed } = packSnapshot({
          generatedAt: '2026-12-07T15:00:00.000Z',
          clusters: [],
          warnings: [],
        } as unknown as Parameters<typeof packSnapshot>[0]);
        setImmediate(() =>
          worker.emit('message', {
            type: 'collected',
            id: message.id,
            snapshot: packed,
            requests: {},
          }),
        );
      },
    });
    collector = new WorkerSnapshotCollector(
      options('http://127.0.0.1:9'),
      () => worker as unknown as Worker,
      100,
    );
    await collector.collect([]);
    collector.snapshotHandled();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(told.map(m => m.type)).toEqual(['collect']);
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(told.map(m => m.type)).toEqual(['collect', 'collect-garbage']);
  });

  it('refuses to collect once closed', async () => {
    server = await startLocalServer(replayPrometheus(recorded));
    collector = new WorkerSnapshotCollector(options(server.url));
    collector.close();
    await expect(collector.collect([])).rejects.toThrow(
      'the collection worker is closed',
    );
  });
});

/** Where a value holds a function or a class instance (which a structured clone drops or flattens). */
function notPlainData(value: unknown, at = 'options'): string[] {
  if (typeof value === 'function') return [at];
  if (typeof value !== 'object' || value === null) return [];
  const prototype = Object.getPrototypeOf(value);
  if (![Object.prototype, Array.prototype, null].includes(prototype))
    return [at];
  return Object.entries(value).flatMap(([key, inner]) =>
    notPlainData(inner, `${at}.${key}`),
  );
}

async function waitUntil(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 20));
}
