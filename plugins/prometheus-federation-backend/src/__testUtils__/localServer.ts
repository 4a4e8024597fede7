import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';

export interface LocalServer {
  url: string;
  port: number;
  requests: Array<{
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }>;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** A real HTTP(S) server on 127.0.0.1 with a handler; tests talk to it instead of mocking fetch. */
export async function startLocalServer(
  handler: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string,
  ) => void,
  tls?: { key: string; cert: string },
): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      requests.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body,
      });
      handler(req, res, body);
    });
  };
  const server = tls
    ? https.createServer(tls, listener)
    : http.createServer(listener);
  const sockets = new Set<import('node:net').Socket>();
  let connections = 0;
  server.on('connection', s => {
    connections += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    close: () =>
      new Promise(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** Replays recorded ops Prometheus answers by path and query (the recording's keys). */
export function replayPrometheus(recorded: Record<string, unknown>) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = recorded[req.url!];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}
