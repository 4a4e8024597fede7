import { startLab, Lab } from '@promfed/federation-lab';
import { FederationOverview } from '@promfed/plugin-prometheus-federation-common';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import {
  BackendProcess,
  killAllBackends,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import { formatLoad, replicasLoad } from '../bench/replicasLoad.bench';
import { FaultProxy, TcpHangProxy } from './__testUtils__/faultProxy';
import {
  postgres,
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
/** In front of ops Prometheus, the EC2 endpoint and green's Kubernetes API: the faults' switches. */
let ops: FaultProxy;
let ec2: FaultProxy;
let greenApi: TcpHangProxy;
let kubeconfig: string;
const secrets: string[] = [TOKEN];
/** The fault matrix: one row per fault, printed after all. */
const rows: {
  fault: string;
  expected: string;
  observed: string;
  ok: boolean;
}[] = [];
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
        opsPrometheus: { url: ops.url },
        kubeconfig,
        aws: { endpoint: ec2.url },
      },
    }),
  );
  const backendSecret = randomBytes(24).toString('base64');
  secrets.push(backendSecret);
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
      BACKEND_SECRET: backendSecret,
      AWS_ACCESS_KEY_ID: lab.awsCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: lab.awsCredentials.secretAccessKey,
      AWS_REGION: 'eu-west-1',
      // Values the production file reads for parts this test does not use.
      AUTH_GITHUB_CLIENT_ID: 'unused',
      AUTH_GITHUB_CLIENT_SECRET: 'unused',
      EXTERNAL_ACCESS_TOKEN: TOKEN,
      GITHUB_APP_ID: '1',
      GITHUB_APP_CLIENT_ID: 'unused',
      GITHUB_APP_CLIENT_SECRET: 'unused',
      GITHUB_APP_PRIVATE_KEY: 'unused',
      FEDERATION_KUBECONFIG: kubeconfig,
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
  const labConfig = parse(
    fs.readFileSync(path.join(lab.dir, 'app-config.lab.yaml'), 'utf8'),
  ).prometheusFederation;
  ops = new FaultProxy(labConfig.opsPrometheus.url);
  ec2 = new FaultProxy(labConfig.aws.endpoint);
  await ops.start();
  await ec2.start();
  // Green's Kubernetes API behind a TCP proxy that can hang (TLS passes through).
  const kube = parse(fs.readFileSync(labConfig.kubeconfig, 'utf8'));
  const green = kube.clusters.find((c: { name: string }) => c.name === 'green');
  const server = new URL(green.cluster.server);
  greenApi = new TcpHangProxy(server.hostname, Number(server.port));
  await greenApi.start();
  server.port = String(greenApi.port);
  green.cluster.server = server.toString().replace(/\/$/, '');
  kubeconfig = path.join(dir, 'kubeconfig.yaml');
  fs.writeFileSync(kubeconfig, stringify(kube));
  secrets.push(
    services.POSTGRES_PASSWORD,
    lab.awsCredentials.secretAccessKey,
    kube.users[0].user.token,
  );
  // One after the other: two cold starts at once take long on two cores.
  for (const [i, port] of PORTS.entries())
    replicas.push(await startReplica(`replica-${i + 1}`, port));
  await until('a first snapshot', 60, async () =>
    (await overview(replicas[0])).clusters.length === 2 ? true : undefined,
  );
});

afterAll(async () => {
  if (rows.length) {
    const width = (k: 'fault' | 'expected') =>
      Math.max(...rows.map(r => r[k].length), k.length);
    console.log(
      [
        `${'fault'.padEnd(width('fault'))} | ${'expected'.padEnd(
          width('expected'),
        )} | observed`,
        ...rows.map(
          r =>
            `${r.fault.padEnd(width('fault'))} | ${r.expected.padEnd(
              width('expected'),
            )} | ${r.ok ? '' : 'FAILED: '}${r.observed}`,
        ),
        `faults: ${rows.filter(r => r.ok).length}/${rows.length} survived`,
      ].join('\n'),
    );
  }
  await Promise.all(replicas.map(r => r.kill()));
  await ops?.stop();
  await ec2?.stop();
  await greenApi?.stop();
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

  it('survives the fault matrix: every route answers in time, the right check unknown with its reason', async () => {
    // The per-source timeout (2 s) and a margin for a busy two-core machine.
    const LIMIT_S = 2 + 4;
    const CHECKED = ['blue', 'green'];
    type Transition = { at: string; to: string };
    const histories = async () =>
      Object.fromEntries(
        await Promise.all(
          CHECKED.map(async name => {
            const d = await replicas[0].get(
              `/api/prometheus-federation/clusters/${name}`,
            );
            return [
              name,
              (d.cluster.history as Transition[]).map(t => `${t.at} ${t.to}`),
            ];
          }),
        ),
      ) as Record<string, string[]>;
    /** Every route on both replicas, timed; answers kept for the checks and the secret scan. */
    const answers: string[] = [];
    async function readAll() {
      let slowest = 0;
      const out = await Promise.all(
        replicas.map(async r => {
          const started = Date.now();
          const list = await overview(r);
          const details = await Promise.all(
            CHECKED.map(n => r.get(`/api/prometheus-federation/clusters/${n}`)),
          );
          slowest = Math.max(slowest, (Date.now() - started) / 1000 / 3);
          answers.push(
            JSON.stringify(list),
            ...details.map(d => JSON.stringify(d)),
          );
          return { list, details: details.map(d => d.cluster) };
        }),
      );
      return { out, slowest };
    }
    const checkOf = (cluster: any, id: string) =>
      cluster.checks?.find((c: { id: string }) => c.id === id);
    /** Waits for a snapshot collected after `since` on both replicas. */
    async function collectedAfter(since: number, seconds = 3 * INTERVAL) {
      await until(
        'a snapshot after the fault on both replicas',
        seconds,
        async () => {
          const all = await Promise.all(replicas.map(overview));
          return all.every(o => Date.parse(o.generatedAt) > since)
            ? true
            : undefined;
        },
      );
    }
    const unknownCheck =
      (id: string, clusters: string[], reason: RegExp) => (details: any[]) => {
        const found = details.map(d => {
          const c = checkOf(d, id);
          return `${d.name}.${id}=${c?.result}${
            c?.reason ? ` (${c.reason})` : ''
          }`;
        });
        const ok = details
          .filter(d => clusters.includes(d.name))
          .every(d => {
            const c = checkOf(d, id);
            return c?.result === 'unknown' && reason.test(c.reason ?? '');
          });
        return {
          ok,
          observed: found
            .filter(f => clusters.some(n => f.startsWith(`${n}.`)))
            .join('; '),
        };
      };

    let before = await histories();
    // REPLICAS_LOAD=1: 50 readers for 30 s across both replicas while the first faults run.
    const load = process.env.REPLICAS_LOAD
      ? replicasLoad({ urls: replicas.map(r => r.url), token: TOKEN }).then(
          formatLoad,
          error => `load: failed: ${String(error)}`,
        )
      : undefined;
    async function fault(
      name: string,
      expected: string,
      inject: () => Promise<void> | void,
      revert: () => Promise<void> | void,
      verify: (details: any[]) => { ok: boolean; observed: string },
      waitForSnapshot = true,
    ) {
      const since = Date.now() + 1000;
      let row = { fault: name, expected, observed: '', ok: false };
      try {
        await inject();
        if (waitForSnapshot) await collectedAfter(since);
        else await sleep(INTERVAL);
        const { out, slowest } = await readAll();
        const checked = verify(out[0].details);
        const same = out[0].list.generatedAt === out[1].list.generatedAt;
        row = {
          ...row,
          ok: checked.ok && slowest <= LIMIT_S,
          observed: `${checked.observed}; slowest route ${slowest.toFixed(1)}s${
            same ? '' : '; replicas on different snapshots'
          }`,
        };
      } catch (error) {
        row.observed = String(error).slice(0, 300);
      } finally {
        await revert();
      }
      rows.push(row);
    }

    const opsReason = /ops Prometheus/i;
    await fault(
      'ops Prometheus hangs; green Kubernetes API hangs; EC2 throttles',
      'target unknown (ops timeout), green ingress unknown, security-group unknown',
      async () => {
        ops.set('hang');
        greenApi.setHang(true);
        await ec2.set('throttle');
      },
      async () => {
        await ops.set('pass');
        greenApi.setHang(false);
        await ec2.set('pass');
      },
      details => {
        const checks = [
          unknownCheck('target', CHECKED, opsReason)(details),
          unknownCheck('ingress', ['green'], /./)(details),
          unknownCheck('security-group', CHECKED, /./)(details),
        ];
        const blueIngress = checkOf(
          details.find(d => d.name === 'blue'),
          'ingress',
        );
        return {
          ok: checks.every(c => c.ok) && blueIngress?.result !== 'unknown',
          observed: [
            ...checks.map(c => c.observed),
            `blue.ingress=${blueIngress?.result}`,
          ].join('; '),
        };
      },
    );
    await fault(
      'ops Prometheus refuses',
      'target unknown (refused)',
      () => ops.set('refuse'),
      () => ops.set('pass'),
      unknownCheck('target', CHECKED, opsReason),
    );
    await fault(
      'ops Prometheus returns garbage',
      'target unknown (not JSON)',
      () => ops.set('garbage'),
      () => ops.set('pass'),
      unknownCheck('target', CHECKED, opsReason),
    );
    await fault(
      'ops Prometheus returns 50 MB',
      'target unknown (byte cap, or the timeout first)',
      () => ops.set('huge'),
      () => ops.set('pass'),
      unknownCheck('target', CHECKED, opsReason),
    );
    await fault(
      'ops Prometheus: source_cluster="__proto__"',
      'a snapshot; blue and green only, target decided',
      () => ops.set('proto'),
      () => ops.set('pass'),
      details => {
        const targets = details.map(
          d => `${d.name}.target=${checkOf(d, 'target')?.result}`,
        );
        return {
          ok: details.every(d => checkOf(d, 'target')?.result !== 'unknown'),
          observed: targets.join('; '),
        };
      },
    );
    // History: nothing lost (every earlier transition still there), nothing doubled.
    const historyIntact = (now: Record<string, string[]>) =>
      CHECKED.every(
        n =>
          before[n].every(t => now[n].includes(t)) &&
          new Set(now[n]).size === now[n].length,
      );
    await until('the clusters back to healthy', 3 * INTERVAL, async () =>
      (await overview(replicas[0])).clusters.every(c => c.state === 'healthy')
        ? true
        : undefined,
    );
    before = await histories();
    let stoppedAt = 0;
    await fault(
      'PostgreSQL stopped, then restarted',
      'routes answer; collections resume; history intact',
      () => {
        stoppedAt = Date.now();
        postgres(place, 'stop');
      },
      () => postgres(place, 'start'),
      () => ({ ok: true, observed: 'routes answered while stopped' }),
      false,
    );
    const pgRow = rows[rows.length - 1];
    try {
      await collectedAfter(stoppedAt + INTERVAL * 1000, 4 * INTERVAL);
      const now = await histories();
      pgRow.ok &&= historyIntact(now);
      pgRow.observed += `; collected after restart; history ${
        historyIntact(now) ? 'intact' : 'CHANGED'
      }`;
    } catch (error) {
      pgRow.ok = false;
      pgRow.observed += `; ${String(error)}`;
    }
    before = await histories();
    let holder: ChildProcess | undefined;
    const psql = (sql: string, name: string) =>
      spawn(
        fs
          .readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map(v => `/usr/lib/postgresql/${v}/bin/psql`)[0],
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(place.postgresPort),
          '-U',
          services.POSTGRES_USER,
          '-d',
          'backstage_plugin_prometheus-federation',
          '-c',
          sql,
        ],
        {
          env: {
            ...process.env,
            PGPASSWORD: services.POSTGRES_PASSWORD,
            PGAPPNAME: name,
          },
          stdio: 'ignore',
        },
      );
    await fault(
      'PostgreSQL hangs (history tables locked)',
      'routes answer; collections go on; history catches up',
      () => {
        holder = psql(
          'BEGIN; LOCK TABLE state_transitions, cluster_states IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120);',
          'replicas-test-lock',
        );
      },
      async () => {
        const release = psql(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'replicas-test-lock'",
          'replicas-test-release',
        );
        await new Promise(r => release.once('exit', r));
        holder?.kill();
      },
      () => ({ ok: true, observed: 'a snapshot collected while locked' }),
    );
    await sleep(INTERVAL);
    const now = await histories();
    const lockRow = rows[rows.length - 1];
    lockRow.ok &&= historyIntact(now);
    lockRow.observed += `; history ${
      historyIntact(now) ? 'intact' : 'CHANGED'
    }`;

    if (load) console.log(await load);
    const leaked = secrets.filter(
      s =>
        s &&
        (answers.some(a => a.includes(s)) ||
          replicas.some(r => r.output().includes(s))),
    );
    for (const row of rows)
      if (leaked.length) {
        row.ok = false;
        row.observed += `; ${leaked.length} secret(s) leaked`;
      }
    expect(
      rows.filter(r => !r.ok).map(r => `${r.fault}: ${r.observed}`),
    ).toEqual([]);
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
      rows.push({
        fault: 'the collecting replica killed',
        expected: 'the other collects within two intervals',
        observed: `${other.name} collected ${seconds.toFixed(1)}s later`,
        ok: seconds <= 2 * INTERVAL,
      });
      expect(seconds).toBeLessThanOrEqual(2 * INTERVAL);
      // Usually freed by rescueStaleCollection (the scheduler's janitor passes once a minute);
      // when the killed run's lease had already expired the scheduler hands the task over itself.
      const rescued =
        other.linesSince(mark, /releasing the collection task/).length > 0;
      rows[rows.length - 1].observed += rescued
        ? ' (freed by rescueStaleCollection)'
        : ' (handed over by the scheduler)';
      expect((await overview(other)).generatedAt > lastBefore).toBe(true);
    } finally {
      await lab.revert('slow-federate', 'green');
    }
  });
  it('answers with a warning while Redis is down, and serves one shared snapshot again after it returns', async () => {
    const alive = replicas.filter(r => r !== killed);
    const before = await Promise.all(alive.map(overview));
    const row = {
      fault: 'Redis stopped, then started',
      expected:
        'answers within the cache timeout; one snapshot again within 3 intervals',
      observed: '',
      ok: false,
    };
    rows.push(row);
    stopRedis(place);
    let restarted = false;
    try {
      let slowest = 0;
      for (const r of alive) {
        const started = Date.now();
        const o = await overview(r);
        const seconds = (Date.now() - started) / 1000;
        slowest = Math.max(slowest, seconds);
        console.log(`${r.name} answered in ${seconds}s without Redis`);
        // The cache's timeout (2 s) and a margin.
        expect(seconds).toBeLessThan(5);
        expect(o.clusters).toHaveLength(2);
      }
      // The first read may find the cache empty (Keyv answers undefined on a store error) and
      // serve the database copy; once the client hangs, the warning names the cache.
      await until('a backend-degraded warning', 10, async () => {
        const now = await Promise.all(alive.map(overview));
        return now.every(o => o.warnings.some(w => w.id === 'backend-degraded'))
          ? true
          : undefined;
      });
      // The collecting replica goes on collecting; every replica reads its snapshot from the
      // database copy.
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
      startProductionServices(place);
      restarted = true;
      const back = Date.now();
      // Backstage's Redis client (@keyv/redis 4.6.0, @redis/client 1.6.1) does not reconnect:
      // the replicas share the database copy until restarted (README, Production).
      const seconds = await until(
        'one shared, newer snapshot after Redis returned',
        3 * INTERVAL,
        async () => {
          const now = await Promise.all(alive.map(overview));
          return now.every(
            o =>
              o.generatedAt === now[0].generatedAt &&
              Date.parse(o.generatedAt) > back,
          )
            ? (Date.now() - back) / 1000
            : undefined;
        },
      );
      const closed = alive.filter(r =>
        /Socket closed unexpectedly/.test(r.output()),
      ).length;
      row.observed = `answered in <= ${slowest.toFixed(
        1,
      )}s; one newer snapshot ${seconds.toFixed(
        0,
      )}s after Redis returned; "Socket closed unexpectedly" in ${closed}/${
        alive.length
      } logs`;
      row.ok = true;
    } catch (error) {
      row.observed = String(error).slice(0, 300);
      throw error;
    } finally {
      if (!restarted) startProductionServices(place);
    }
  });
});
