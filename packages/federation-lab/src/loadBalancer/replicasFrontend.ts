import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import type { Frontend } from './tcpLoadBalancer';
import { proxyToLeaf } from './leafProxy';

export const REPLICA_LABEL = 'prometheus_replica';

/** The external label kube-prometheus-stack gives its second replica. */
export const SECOND_REPLICA = 'prometheus-kube-prometheus-stack-prometheus-1';

/** Adds `name="value"` to every sample line of a text exposition body. */
export function addLabel(body: string, name: string, value: string): string {
  const label = `${name}="${value}"`;
  return body
    .split('\n')
    .map(line => {
      if (line === '' || line.startsWith('#')) return line;
      const brace = line.indexOf('{');
      const space = line.indexOf(' ');
      if (brace !== -1 && (space === -1 || brace < space)) {
        const empty = line[brace + 1] === '}';
        return `${line.slice(0, brace + 1)}${label}${
          empty ? '' : ','
        }${line.slice(brace + 1)}`;
      }
      return `${line.slice(0, space)}{${label}}${line.slice(space)}`;
    })
    .join('\n');
}

/**
 * The `replicas-doubled` fault: two leaf replicas behind one host, as an Ingress balancing per
 * request shows them. Answers alternate between the lab's leaf as it is (replica 0) and the
 * same series carrying the second replica's `prometheus_replica` external label, so ops
 * Prometheus stores every federated series twice. TLS ends here with the leaf's own
 * certificate files, read per handshake like Prometheus does.
 */
export function replicasFrontend(options: {
  leafPort: number;
  certFile: string;
  keyFile: string;
}): Frontend {
  const context = () =>
    tls.createSecureContext({
      cert: fs.readFileSync(options.certFile),
      key: fs.readFileSync(options.keyFile),
    });
  // Each connection alternates on its own, so other clients do not shift the scraper's turn.
  const served = new WeakMap<object, number>();
  const server = https.createServer(
    {
      cert: fs.readFileSync(options.certFile),
      key: fs.readFileSync(options.keyFile),
      SNICallback: (_name, cb) => cb(null, context()),
    },
    (req, res) => {
      const n = served.get(req.socket) ?? 0;
      served.set(req.socket, n + 1);
      const second = n % 2 === 1;
      proxyToLeaf(
        req,
        res,
        options.leafPort,
        second && req.url?.startsWith('/federate')
          ? body => addLabel(body, REPLICA_LABEL, SECOND_REPLICA)
          : undefined,
      );
    },
  );
  return socket => server.emit('connection', socket);
}
