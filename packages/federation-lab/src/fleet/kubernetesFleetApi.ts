import https from 'node:https';
import {
  tokenMatches,
  routeKubernetesRequest,
  ClusterObjects,
} from '../kubernetes/apiServer';
import { statusObject } from '../kubernetes/objects';

const PREFIX = /^\/clusters\/([a-z0-9-]+)(\/.*)$/;

/** The path prefix of a leaf's API server URL in the fleet's kubeconfig. */
export function fleetKubernetesPath(cluster: string): string {
  return `/clusters/${cluster}`;
}

/**
 * Every leaf's Kubernetes API on one HTTPS port, told apart by a path prefix in the server URL
 * (`https://127.0.0.1:<port>/clusters/<name>`), as a multi-cluster proxy (Rancher, Teleport)
 * serves them: each leaf still has its own context, client and connection pool in the backend.
 */
export async function startKubernetesFleetApi(o: {
  port: number;
  cert: string;
  key: string;
  token: string;
  objects: (cluster: string) => ClusterObjects | undefined;
}): Promise<https.Server> {
  const server = https.createServer(
    { cert: o.cert, key: o.key },
    (req, res) => {
      let result: { status: number; body: object };
      const path = new URL(req.url ?? '/', 'https://lab').pathname;
      const m = PREFIX.exec(path);
      const objects = m ? o.objects(m[1]) : undefined;
      if (!tokenMatches(req.headers.authorization, o.token)) {
        result = {
          status: 401,
          body: statusObject(401, 'Unauthorized', 'Unauthorized'),
        };
      } else if (!m || !objects) {
        result = {
          status: 404,
          body: statusObject(
            404,
            'NotFound',
            'the server could not find the requested resource',
            {},
          ),
        };
      } else {
        result = routeKubernetesRequest(req.method ?? 'GET', m[2], objects);
      }
      res.writeHead(result.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result.body));
    },
  );
  // A leaf's client keeps its connection between refreshes, as an API server allows.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  return server;
}
