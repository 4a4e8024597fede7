import net from 'node:net';

/** Something else that answers the load balancer's connections (an HTTP server, say). */
export type Frontend = (socket: net.Socket) => void;

/**
 * The lab's stand-in for the leaf's NLB + Ingress: a TCP pass-through from the public port to the
 * leaf Prometheus (TLS is end to end, so the certificate seen is the one Prometheus serves).
 * It can hold back the leaf's bytes (a slow federate), stop listening (nothing on the port), or
 * hand its connections to another frontend (a misconfigured Ingress).
 */
export class TcpLoadBalancer {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private delayMs = 0;
  private frontend?: Frontend;

  constructor(
    private readonly listenPort: number,
    private readonly upstreamPort: number,
  ) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = net.createServer(client => this.connect(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Stops listening and cuts every open connection: dialers then get "connection refused". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server)
      await new Promise<void>(resolve => server.close(() => resolve()));
  }

  /** Delay applied to every chunk the leaf sends back (0 to pass through). */
  setDelay(ms: number): void {
    this.delayMs = ms;
    this.dropConnections();
  }

  /** Sends new connections to `frontend` instead of the leaf (undefined: pass through again). */
  setFrontend(frontend: Frontend | undefined): void {
    this.frontend = frontend;
    this.dropConnections();
  }

  /** Ends kept-alive connections so the next scrape makes a new TLS handshake. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  private connect(client: net.Socket): void {
    if (this.frontend) {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      this.frontend(client);
      return;
    }
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.pipe(upstream);
    upstream.on('data', chunk => {
      if (this.delayMs <= 0) {
        client.write(chunk);
        return;
      }
      // Equal delays keep the chunks in order.
      setTimeout(() => {
        if (!client.destroyed) client.write(chunk);
      }, this.delayMs);
    });
  }
}
