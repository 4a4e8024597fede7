import https from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FleetFault } from './faults';
import { FleetCertificates } from './fleetCertificates';
import { federateText, leafSeries } from './federateText';
import { cachedNameMatchers } from './federateMatch';

/** ingress-nginx keeps idle client connections 75 s: a scraper's connection outlives its interval. */
const KEEP_ALIVE_MS = 75_000;

/**
 * Every leaf host of the fleet on one TLS port, as one ingress controller serves many hosts:
 * the certificate is chosen by SNI, the answer by the same name. `/federate` answers each leaf's
 * series in text format (the names `match[]` selects), built once per leaf and stamped with the
 * time of each request. The
 * leaf's fault decides the rest: HTTP 500, or a connection reset before any answer.
 */
export async function startLeafServer(o: {
  port: number;
  certificates: FleetCertificates;
  faults: Record<string, FleetFault>;
  seriesPerLeaf: number;
}): Promise<https.Server> {
  const series = new Map<string, ReturnType<typeof leafSeries>>();
  const matcherFor = cachedNameMatchers();
  const server = https.createServer(
    {
      ...o.certificates.defaultCertificate(),
      SNICallback: (name, cb) => cb(null, o.certificates.contextFor(name)),
    },
    (req, res) => {
      const name = (req.socket as TLSSocket).servername || '';
      const cluster = o.certificates.hostToCluster.get(name.toLowerCase());
      const url = new URL(req.url ?? '/', 'https://leaf');
      const path = url.pathname;
      if (!cluster) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('default backend - 404');
        return;
      }
      const fault = o.faults[cluster];
      if (fault === 'connection-reset') {
        // A TLS socket cannot reset itself: reset the TCP connection under it (an RST, no alert).
        (
          req.socket as TLSSocket & { _parent?: Socket }
        )._parent?.resetAndDestroy();
        return;
      }
      if (fault === 'leaf-error-500') {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal Server Error\n');
        return;
      }
      if (path === '/-/ready' || path === '/-/healthy') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('Prometheus Server is Ready.\n');
        return;
      }
      if (path !== '/federate') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('404 page not found\n');
        return;
      }
      let leaf = series.get(cluster);
      if (!leaf) {
        leaf = leafSeries(cluster, o.seriesPerLeaf);
        series.set(cluster, leaf);
      }
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      });
      const selected = matcherFor(url.searchParams.getAll('match[]'));
      res.end(
        federateText(
          leaf.filter(x => selected(x.family)),
          Date.now(),
        ),
      );
    },
  );
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  return server;
}
