import http from 'node:http';
import net from 'node:net';

/** What the proxy does to each request. */
export type ProxyMode =
  | 'pass'
  | 'hang'
  | 'refuse'
  | 'garbage'
  | 'huge'
  | 'proto'
  | 'throttle';

export const HUGE_BYTES = 50 * 1024 * 1024;

/** A copy of each result whose labels name a source_cluster, with the label `__proto__`. */
function withProtoLabels(body: string): string {
  const data = JSON.parse(body);
  const lists: unknown[][] = [];
  if (Array.isArray(data?.data?.result)) lists.push(data.data.result);
  if (Array.isArray(data?.data?.activeTargets))
    lists.push(data.data.activeTargets);
  for (const list of lists) {
    const extra = list
      .map(item => JSON.stringify(item))
      .filter(text => text.includes('"source_cluster":'))
      .map(text =>
        JSON.parse(
          text.replace(
            /"source_cluster":"[^"]*"/g,
            '"source_cluster":"__proto__"',
          ),
        ),
      );
    list.push(...extra);
  }
  return JSON.stringify(data);
}

const THROTTLED = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>`;

/**
 * A loopback HTTP proxy in front of an upstream (ops Prometheus, the EC2 endpoint) whose
 * behaviour a test switches: pass, hang (never answers), refuse (closes its port), garbage (not
 * JSON), huge (50 MB), proto (adds `source_cluster="__proto__"` results), throttle (EC2's
 * RequestLimitExceeded).
 */
export class FaultProxy {
  mode: ProxyMode = 'pass';
  private server?: http.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly upstream: string) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.on('connection', s => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise(r => server.close(r));
  }

  /** Switches the behaviour; `refuse` closes the port, leaving it reopens it. */
  async set(mode: ProxyMode): Promise<void> {
    const was = this.mode;
    this.mode = mode;
    if (mode === 'refuse') await this.stop();
    else if (was === 'refuse' || !this.server) await this.start();
    if (mode === 'pass') for (const s of this.sockets) s.destroy();
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    switch (this.mode) {
      case 'hang':
        return undefined;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('<html>502 Bad Gateway {"status":"succ');
        return undefined;
      case 'huge': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, ' ');
        let sent = 0;
        const write = (): void => {
          while (sent < HUGE_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', write);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => undefined);
        write();
        return undefined;
      }
      case 'throttle':
        req.resume();
        res.writeHead(503, { 'content-type': 'text/xml' });
        res.end(THROTTLED);
        return undefined;
      default:
        return this.forward(req, res);
    }
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse) {
    const target = new URL(req.url ?? '/', this.upstream);
    const rewrite = this.mode === 'proto';
    const upstream = http.request(
      target,
      {
        method: req.method,
        headers: {
          ...req.headers,
          host: target.host,
          ...(rewrite ? { 'accept-encoding': 'identity' } : {}),
        },
      },
      answer => {
        if (!rewrite) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', c => chunks.push(c));
        answer.on('end', () => {
          let body = Buffer.concat(chunks).toString('utf8');
          try {
            body = withProtoLabels(body);
          } catch {
            // Not JSON: as it came.
          }
          const { 'content-length': _l, ...headers } = answer.headers;
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}

/** A TCP proxy (TLS passes through) that forwards, or accepts and never answers. */
export class TcpHangProxy {
  hang = false;
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly upstreamPort: number,
  ) {}

  async start(): Promise<void> {
    const server = net.createServer(client => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => undefined);
      if (this.hang) return;
      const upstream = net.connect(this.upstreamPort, this.host);
      this.sockets.add(upstream);
      upstream.on('close', () => this.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Hangs new connections; existing ones are cut, so that kept-alive ones do not bypass it. */
  setHang(hang: boolean) {
    this.hang = hang;
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    if (server) await new Promise(r => server.close(r));
  }
}
