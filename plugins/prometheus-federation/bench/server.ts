/** The benchmark's page bundle and its stub backend, on 127.0.0.1 only. */
import { build } from 'esbuild';
import { Browser, chromium } from 'playwright-core';
import { createServer, Server } from 'node:http';
import { resolve } from 'node:path';
import { makeDetail, manyClusters } from '../src/__fixtures__/overviews';
import { fleetOverview } from './fleetOverview';

/** bench/app.tsx with the real page and client, bundled as for production (or readable, for profiles). */
export async function bundle(minify = true): Promise<string> {
  const result = await build({
    entryPoints: [resolve(__dirname, 'app.tsx')],
    bundle: true,
    minify,
    keepNames: !minify,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Prometheus federation</title></head>
<body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`;

/**
 * Serves the bundle, and the overview for ?clusters=N shaped like the real backend's
 * (fleetOverview.ts, about 2 kB per cluster); a cluster's detail comes from the fixtures.
 */
export function serve(js: string, maxClusters: number): Promise<Server> {
  const overviews = new Map<number, string>();
  const overviewFor = (n: number) => {
    if (!overviews.has(n)) overviews.set(n, JSON.stringify(fleetOverview(n)));
    return overviews.get(n)!;
  };
  let clusters = maxClusters;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    } else if (url.pathname === '/api/prometheus-federation/clusters') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(overviewFor(clusters));
    } else if (
      url.pathname.startsWith('/api/prometheus-federation/clusters/')
    ) {
      const name = decodeURIComponent(url.pathname.split('/').pop()!);
      const cluster = manyClusters(maxClusters).find(c => c.name === name);
      if (cluster) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(makeDetail(cluster)));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: `No cluster named ${name}`,
            },
            response: { statusCode: 404 },
          }),
        );
      }
    } else if (url.pathname.startsWith('/prometheus-federation')) {
      clusters = Number(url.searchParams.get('clusters') ?? maxClusters);
      res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise(ok => server.listen(0, '127.0.0.1', () => ok(server)));
}

/**
 * Serves the bundle and fixed answers by API path (404 for other API paths, the page otherwise),
 * for the screenshot scripts. Resolves to the base URL and the server to close.
 */
export async function serveAnswers(
  js: string,
  answers: Record<string, unknown>,
): Promise<{ base: string; server: Server }> {
  const api = '/api/prometheus-federation';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/app.js')
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (answers[path])
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(answers[path]));
    else if (path.startsWith(api))
      res.writeHead(404, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'not found' },
          response: { statusCode: 404 },
        }),
      );
    else res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return { base: `http://127.0.0.1:${port}`, server };
}

/**
 * Serves the bundle and passes the page's API reads (GET) on to a running backend with its token (the
 * page as the portal shows it, answers and all from that backend). Resolves like serveAnswers.
 */
export async function serveThrough(
  js: string,
  backend: string,
  token: string,
): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/app.js')
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (path.startsWith('/api/'))
      fetch(`${backend}${req.url}`, {
        headers: { authorization: `Bearer ${token}` },
      })
        .then(async answer =>
          res
            .writeHead(answer.status, {
              'content-type':
                answer.headers.get('content-type') ?? 'application/json',
            })
            .end(Buffer.from(await answer.arrayBuffer())),
        )
        .catch(error => res.writeHead(502).end(String(error)));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return { base: `http://127.0.0.1:${port}`, server };
}

/** Debian's Chromium, headless, without the background traffic this machine's network refuses. */
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
