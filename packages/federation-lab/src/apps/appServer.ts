import http from 'node:http';
import { Counter, Histogram, Registry } from 'prom-client';
import { registerExtraFamilies } from './extraFamilies';

/** The routes each lab app serves; `/api/flaky` answers 5xx part of the time. */
const ROUTES: Array<{ method: string; route: string }> = [
  { method: 'GET', route: '/api/items' },
  { method: 'GET', route: '/api/items/:id' },
  { method: 'POST', route: '/api/items' },
  { method: 'GET', route: '/api/flaky' },
];

export interface AppServer {
  name: string;
  cluster: string;
  port: number;
  /** Off: `/metrics` still answers 200, without the http_* series (the apps-no-http-metrics fault). */
  setHttpMetrics(on: boolean): void;
  /** Down: `/metrics` answers 503, so the leaf's scrape of the app fails (the app-target-down fault). */
  setMetricsDown(down: boolean): void;
  close(): Promise<void>;
}

function answer(route: string): number {
  if (route === '/api/flaky') return Math.random() < 0.3 ? 503 : 200;
  if (route === '/api/items/:id') return Math.random() < 0.05 ? 500 : 200;
  return route === '/api/items' ? 200 : 404;
}

/**
 * One application of a leaf cluster: a real HTTP server instrumented with prom-client, and a
 * timer sending it a steady trickle of real requests (some failing) so its metrics move.
 */
export async function startAppServer(options: {
  name: string;
  cluster: string;
  port: number;
  requestsPerSecond?: number;
}): Promise<AppServer> {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });

  // A registry without the http families stands for an app whose instrumentation was dropped.
  const withoutHttp = new Registry();
  // Many more families than dashboards read, as real services (federation cost).
  const stopExtras = registerExtraFamilies([registry, withoutHttp]);
  let exposed = registry;
  let metricsDown = false;
  const server = http.createServer((req, res) => {
    if (req.url === '/metrics' && metricsDown) {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('Service Unavailable\n');
      return;
    }
    if (req.url === '/metrics') {
      const shown = exposed;
      shown.metrics().then(
        body => {
          res.writeHead(200, { 'content-type': shown.contentType });
          res.end(body);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
      return;
    }
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0];
    const match = ROUTES.find(
      r =>
        r.method === req.method &&
        new RegExp(`^${r.route.replace(':id', '[^/]+')}$`).test(path),
    );
    const route = match?.route ?? 'unmatched';
    const status = match ? answer(route) : 404;
    // A little simulated work so the histogram has a shape.
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ app: options.name, cluster: options.cluster, status }),
      );
      const labels = {
        method: req.method ?? 'GET',
        route,
        status: String(status),
      };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    }, Math.floor(Math.random() * 40));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });

  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const traffic = setInterval(() => {
    const r = ROUTES[Math.floor(Math.random() * ROUTES.length)];
    const path = r.route.replace(
      ':id',
      String(1 + Math.floor(Math.random() * 50)),
    );
    const req = http.request(
      { host: '127.0.0.1', port: options.port, method: r.method, path, agent },
      res => res.resume(),
    );
    req.on('error', () => undefined);
    req.end();
  }, Math.round(1000 / (options.requestsPerSecond ?? 2)));
  traffic.unref();

  return {
    name: options.name,
    cluster: options.cluster,
    port: options.port,
    setHttpMetrics: on => {
      exposed = on ? registry : withoutHttp;
    },
    setMetricsDown: down => {
      metricsDown = down;
    },
    close: async () => {
      clearInterval(traffic);
      stopExtras();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
