import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  documentedEnv,
  killReplicas,
  productionServices,
  ProductionReplica,
  startProduction,
  untilReady,
} from './__testUtils__/productionStart';

// A replica told to stop stops: Kubernetes sends SIGTERM and kills 30 s later. A production
// replica (scripts/production start, PostgreSQL, Redis) must exit within 5 s, in the middle of
// a collection as well as between two, and a configuration error must end the start at once.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-shutdown-it-'));
const services = productionServices(dir, 4000);
// Not app-config.production.yaml's 7007: the production test may run beside this one.
const PORT = 7011;
const TOKEN = randomBytes(24).toString('hex');
const EXIT_WITHIN_MS = 5000;
const LOG_COLLECTED = /Federation snapshot of 2 clusters/;

jest.setTimeout(5 * 60_000);

let env: Record<string, string>;

/** An ops Prometheus that takes requests and answers none of them (a hung upstream). */
class HungUpstream {
  readonly server = http.createServer(() => {
    this.requests += 1;
  });
  requests = 0;
  async start(): Promise<string> {
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise(r => this.server.close(() => r()));
  }
}

/** A replica on this test's port, with `federation` over the production config's section. */
function startReplica(federation: Record<string, unknown>): ProductionReplica {
  const config = path.join(
    dir,
    `replica-${randomBytes(4).toString('hex')}.yaml`,
  );
  fs.writeFileSync(
    config,
    JSON.stringify({
      app: { baseUrl: `http://localhost:${PORT}` },
      backend: { baseUrl: `http://localhost:${PORT}`, listen: `:${PORT}` },
      prometheusFederation: federation,
    }),
  );
  return startProduction({ ...env, LOG_LEVEL: 'debug' }, ['--config', config]);
}

/**
 * SIGTERM, then how the process ended and how long it took; a process still running after 30 s
 * is killed, and what it printed after the signal goes into the failure.
 */
async function terminate(replica: ProductionReplica) {
  const mark = replica.output().length;
  const sent = Date.now();
  replica.child.kill('SIGTERM');
  let deadline: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    replica.exited,
    new Promise<string>(r => {
      deadline = setTimeout(() => r('still running'), 30_000);
    }),
  ]);
  // A pending deadline would hold the Jest worker for up to 30 s after the file.
  clearTimeout(deadline);
  const ms = Date.now() - sent;
  if (code === 'still running') replica.child.kill('SIGKILL');
  await replica.exited;
  console.log(`exit ${code} ${ms} ms after SIGTERM`);
  if (code !== 0 || ms > EXIT_WITHIN_MS)
    throw new Error(
      `exit ${code} after ${ms} ms; printed after SIGTERM:\n${replica
        .output()
        .slice(mark)
        .split('\n')
        .slice(-60)
        .join('\n')}`,
    );
}

beforeAll(() => {
  env = documentedEnv(dir, services.start(), TOKEN);
});

afterEach(() => killReplicas());

afterAll(async () => {
  await killReplicas();
  services.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a production replica told to stop', () => {
  it('exits within 5 s of SIGTERM in the middle of a collection', async () => {
    const upstream = new HungUpstream();
    try {
      const replica = startReplica({
        opsPrometheus: { url: await upstream.start() },
        // Longer than the test: only the stop can end this collection.
        upstreamTimeoutSeconds: 120,
      });
      await untilReady(replica, PORT);
      // The collection has asked ops Prometheus and waits for its answer.
      const deadline = Date.now() + 60_000;
      while (upstream.requests === 0 && Date.now() < deadline)
        await new Promise(r => setTimeout(r, 200));
      expect(upstream.requests).toBeGreaterThan(0);
      expect(replica.output()).not.toMatch(LOG_COLLECTED);
      // A reader before the first snapshot is answered at once with when it is due, not held.
      const reader = await fetch(
        `http://localhost:${PORT}/api/prometheus-federation/clusters`,
        { headers: { Authorization: `Bearer ${TOKEN}` } },
      );
      expect(reader.status).toBe(200);
      expect((await reader.json()).collecting).toEqual(
        expect.objectContaining({ dueInSeconds: expect.any(Number) }),
      );

      await terminate(replica);
      // The real handles closed: the bounded backstop did not have to end it.
      expect(replica.output()).not.toMatch(/still open after/);
    } finally {
      await upstream.stop();
    }
  });

  it('exits within 5 s of SIGTERM between two collections', async () => {
    const replica = startReplica({
      // Closed port: every source fails at once and the collection ends.
      opsPrometheus: { url: 'http://127.0.0.1:1' },
      upstreamTimeoutSeconds: 2,
      refreshIntervalSeconds: 300,
    });
    await untilReady(replica, PORT);
    await replica.printed(LOG_COLLECTED, 60_000);
    // A reader holding a keep-alive connection, as a load balancer's health check does.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http
        .get(
          `http://localhost:${PORT}/api/prometheus-federation/clusters`,
          { agent, headers: { Authorization: `Bearer ${TOKEN}` } },
          res => {
            expect(res.statusCode).toBe(200);
            res.resume().on('end', resolve);
          },
        )
        .on('error', reject),
    );

    await terminate(replica).finally(() => agent.destroy());
    expect(replica.output()).not.toMatch(/still open after/);
  });
});

describe('a production replica with a configuration error', () => {
  it('exits non-zero at once, with the message naming the setting', async () => {
    const replica = startReplica({
      opsPrometheus: { url: 'http://127.0.0.1:1' },
      refreshIntervalSeconds: -5,
    });
    await replica.printed(
      /prometheusFederation\.refreshIntervalSeconds must be a positive number of seconds/,
      120_000,
    );
    const code = await Promise.race([
      replica.exited,
      new Promise<string>(r =>
        setTimeout(() => r('still running'), EXIT_WITHIN_MS),
      ),
    ]);
    expect(code).not.toBe(0);
    expect(code).not.toBe('still running');
  });
});
