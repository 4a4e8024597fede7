import http from 'node:http';
import request from 'supertest';
import { AddressInfo, Socket } from 'node:net';
import {
  auth,
  federationConfig,
  startFederationBackend,
} from './__testUtils__/federationBackend';

/**
 * An ops Prometheus that refuses at once until `hang()`, then never answers; it counts the
 * connections still open to it.
 */
async function hungOpsPrometheus() {
  const open = new Set<Socket>();
  let hung = false;
  let requests = 0;
  const server = http.createServer((_req, res) => {
    if (!hung) {
      res.writeHead(503).end();
      return;
    }
    requests += 1;
  });
  server.on('connection', socket => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hang: () => {
      hung = true;
    },
    /** Requests since `hang()`. */
    requests: () => requests,
    open: () => open.size,
    close: () => {
      server.closeAllConnections();
      return new Promise(r => server.close(r));
    },
  };
}

async function until(what: string, ms: number, done: () => boolean) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await new Promise(r => setTimeout(r, 20));
  }
}

describe('the plugin when the backend stops', () => {
  it('lets go of the collection in flight and closes its connections to ops Prometheus', async () => {
    const ops = await hungOpsPrometheus();
    try {
      const backend = await startFederationBackend(
        federationConfig(ops.url, {
          refresh: { minAgeSeconds: 0 },
          // Longer than the test: only the stop can end the reads.
          upstreamTimeoutSeconds: 60,
        }),
      );
      ops.hang();
      // A refresh: the scheduled task collects again, and this time ops Prometheus hangs.
      const refresh = request(backend.server)
        .post('/api/prometheus-federation/refresh')
        .set(auth);
      refresh.then(
        () => undefined,
        () => undefined,
      );
      await until(
        'no collection asked ops Prometheus',
        10_000,
        () => ops.requests() > 0,
      );
      expect(ops.open()).toBeGreaterThan(0);
      // Its caller gives up (the test server, unlike packages/backend, waits for open requests).
      refresh.abort();
      const started = Date.now();
      await backend.stop();
      await until(
        'connections to ops Prometheus still open',
        2000,
        () => ops.open() === 0,
      );
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await ops.close();
    }
  }, 30_000);
});
