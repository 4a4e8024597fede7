import { startLab, Lab } from '@internal/federation-lab';
import { FederationOverview } from '@internal/plugin-prometheus-federation-common';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BackendProcess,
  killAllBackends,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  ServicesPlace,
  startProductionServices,
  stopProductionServices,
  stopRedis,
} from './__testUtils__/productionServices';

// Two processes of packages/backend with app-config.production.yaml, on the project's PostgreSQL
// and Redis, against the lab: the set-up a platform team runs behind a load balancer.
const BASE_PORT = 25000;
const PORTS = [7301, 7302];
const INTERVAL = 15;
const TOKEN = `replicas-test-${randomBytes(16).toString('hex')}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-replicas-it-'));
// PostgreSQL runs as the postgres user: it must reach its data folder inside this one.
fs.chmodSync(dir, 0o755);
// This test's own PostgreSQL and Redis: its faults stop nobody else's.
const place: ServicesPlace = {
  dir: path.join(dir, 'services'),
  postgresPort: 25432 + 2000,
  redisPort: 26379 + 2000,
};
const COLLECTING = /Collecting federation health/;
const COLLECTED = /Federation snapshot of \d+ clusters/;

jest.setTimeout(10 * 60_000);

let lab: Lab;
let services: Record<string, string>;
const replicas: BackendProcess[] = [];
let killed: BackendProcess | undefined;
const sleep = (s: number) => new Promise(r => setTimeout(r, s * 1000));

/** ops Prometheus' own count of /api/v1/targets requests (its /metrics): one per collection. */
async function targetsRequests(): Promise<number> {
  const text = await (await fetch(`${lab.opsPrometheusUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter(l =>
      /^prometheus_http_requests_total\{.*handler="\/api\/v1\/targets"/.test(l),
    )
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

async function until<T>(
  what: string,
  seconds: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(1);
  }
  throw new Error(`${what} did not happen within ${seconds}s`);
}

function startReplica(name: string, port: number) {
  const config = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    config,
    JSON.stringify({
      app: { baseUrl: `http://localhost:${port}` },
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: `:${port}`,
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: TOKEN, subject: 'replicas-test' },
            },
          ],
        },
      },
      prometheusFederation: {
        refreshIntervalSeconds: INTERVAL,
        upstreamTimeoutSeconds: 2,
      },
    }),
  );
  return startBackendProcess({
    name,
    port,
    configs: [path.join(lab.dir, 'app-config.lab.yaml'), config],
    token: TOKEN,
    logFile: path.join(dir, `${name}.log`),
    env: {
      ...services,
      LOG_LEVEL: 'debug',
      PORTAL_BASE_URL: `http://localhost:${port}`,
      BACKEND_SECRET: randomBytes(24).toString('base64'),
      AWS_ACCESS_KEY_ID: lab.awsCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: lab.awsCredentials.secretAccessKey,
      AWS_REGION: 'eu-west-1',
      // Values the production file reads for parts this test does not use.
      AUTH_GITHUB_CLIENT_ID: 'unused',
      AUTH_GITHUB_CLIENT_SECRET: 'unused',
      GITHUB_TOKEN: 'unused',
      OPS_CLUSTER_SECURITY_GROUP_ID: 'sg-00000000000000000',
      BLUE_NODE_SECURITY_GROUP_ID: 'sg-00000000000000001',
      GREEN_NODE_SECURITY_GROUP_ID: 'sg-00000000000000002',
    },
  });
}

const overview = (r: BackendProcess) =>
  r.get<FederationOverview>('/api/prometheus-federation/clusters');

beforeAll(async () => {
  services = startProductionServices(place);
  lab = await startLab({
    dir,
    basePort: BASE_PORT,
    clusters: ['blue', 'green'],
  });
  // One after the other: two cold starts at once take long on two cores.
  for (const [i, port] of PORTS.entries())
    replicas.push(await startReplica(`replica-${i + 1}`, port));
  await until('a first snapshot', 60, async () =>
    (await overview(replicas[0])).clusters.length === 2 ? true : undefined,
  );
});

afterAll(async () => {
  await Promise.all(replicas.map(r => r.kill()));
  await killAllBackends();
  await lab?.stop();
  if (services) stopProductionServices(place);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('two backend replicas on PostgreSQL and Redis', () => {
  it('collect once per interval between them, and serve the same snapshot', async () => {
    const marks = replicas.map(r => r.output().length);
    const before = await targetsRequests();
    const window = 3 * INTERVAL;
    await sleep(window);
    const requests = (await targetsRequests()) - before;
    const runs = replicas.map(
      (r, i) => r.linesSince(marks[i], COLLECTED).length,
    );
    console.log(
      `in ${window}s: ${requests} ops Prometheus /api/v1/targets requests; collections per replica ${runs}`,
    );
    // Three intervals: three collections (one more or less at the window's edges), not six.
    expect(requests).toBeGreaterThanOrEqual(2);
    expect(requests).toBeLessThanOrEqual(4);
    expect(runs[0] + runs[1]).toBe(requests);

    const same = await until(
      'both replicas answering one snapshot',
      30,
      async () => {
        const [a, b] = await Promise.all(replicas.map(overview));
        return a.generatedAt === b.generatedAt ? a.generatedAt : undefined;
      },
    );
    expect(Date.parse(same)).toBeGreaterThan(0);
  });

  it('records a state change once in the history', async () => {
    await lab.fault('leaf-down', 'blue');
    try {
      await until('blue down on both replicas', 90, async () => {
        const states = await Promise.all(
          replicas.map(
            async r =>
              (await overview(r)).clusters.find(c => c.name === 'blue')?.state,
          ),
        );
        return states.every(s => s === 'down') ? true : undefined;
      });
      // Two more collections, by either replica.
      await sleep(2 * INTERVAL);
      for (const r of replicas) {
        const detail = await r.get('/api/prometheus-federation/clusters/blue');
        const downs = detail.cluster.history.filter(
          (t: { to: string }) => t.to === 'down',
        );
        expect(downs).toHaveLength(1);
      }
    } finally {
      await lab.revert('leaf-down', 'blue');
    }
  });

  it('collects on the other replica within two intervals when the collecting one is killed', async () => {
    // A slow leaf keeps each collection running for the probe's timeout: the kill lands mid-run.
    await lab.fault('slow-federate', 'green');
    try {
      const marks = replicas.map(r => r.output().length);
      const collecting = await until(
        'a collection starting',
        3 * INTERVAL,
        async () =>
          replicas.find(
            (r, i) => r.linesSince(marks[i], COLLECTING).length > 0,
          ),
      );
      await collecting.kill('SIGKILL');
      killed = collecting;
      const killedAt = Date.now();
      // Mid-collection: it had started one and not finished it.
      const i = replicas.indexOf(collecting);
      const since = collecting.output().slice(marks[i]);
      expect(since.slice(since.search(COLLECTING))).not.toMatch(COLLECTED);
      const other = replicas.find(r => r !== collecting)!;
      const mark = other.output().length;
      const lastBefore = (await overview(other)).generatedAt;
      await until('the other replica collecting', 2 * INTERVAL, async () =>
        other.linesSince(mark, COLLECTED).length > 0 ? true : undefined,
      );
      const seconds = (Date.now() - killedAt) / 1000;
      console.log(
        `killed ${collecting.name} mid-collection; ${
          other.name
        } collected ${seconds.toFixed(1)}s later`,
      );
      expect(seconds).toBeLessThanOrEqual(2 * INTERVAL);
      // Freed by rescueStaleCollection, not by the scheduler's once-a-minute janitor.
      expect(
        other.linesSince(mark, /releasing the collection task/),
      ).not.toEqual([]);
      expect((await overview(other)).generatedAt > lastBefore).toBe(true);
    } finally {
      await lab.revert('slow-federate', 'green');
    }
  });
  it('answers from memory with a warning while Redis is down, and keeps collecting', async () => {
    const alive = replicas.filter(r => r !== killed);
    const before = await Promise.all(alive.map(overview));
    stopRedis(place);
    try {
      for (const r of alive) {
        const started = Date.now();
        const o = await overview(r);
        const seconds = (Date.now() - started) / 1000;
        console.log(`${r.name} answered in ${seconds}s without Redis`);
        // The cache's timeout (2 s) and a margin.
        expect(seconds).toBeLessThan(5);
        expect(o.clusters).toHaveLength(2);
        expect(o.warnings.map(w => w.id)).toContain('backend-degraded');
      }
      // The collecting replica goes on collecting, and serves its newer snapshot from memory.
      await until(
        'a snapshot collected without Redis',
        2 * INTERVAL,
        async () => {
          const now = await Promise.all(alive.map(overview));
          return now.some((o, k) => o.generatedAt > before[k].generatedAt)
            ? true
            : undefined;
        },
      );
    } finally {
      startProductionServices(place);
    }
  });
});
