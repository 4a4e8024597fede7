import http from 'node:http';
import type { Frontend } from './tcpLoadBalancer';
import { proxyToLeaf } from './leafProxy';

/**
 * The `plain-http` fault: the leaf's public port speaks plain HTTP (TLS is not terminated
 * where the scraper expects it). An HTTP client gets the leaf's answers; an HTTPS client's
 * handshake is answered with HTTP 400, which Go reports as "server gave HTTP response to
 * HTTPS client".
 */
export function plainHttpFrontend(leafPort: number): Frontend {
  const server = http.createServer((req, res) =>
    proxyToLeaf(req, res, leafPort),
  );
  return socket => server.emit('connection', socket);
}
