import https from 'node:https';
import { timingSafeEqual } from 'node:crypto';
import { LabAwsCredentials } from '../ec2/sigv4';
import { reviewEksToken } from './eksTokenReview';
import { listObject, notFound, statusObject } from './objects';

/** The objects a cluster holds right now; the daemon answers from its live (faulted) world. */
export interface ClusterObjects {
  ingresses: Array<{ metadata: { name: string; namespace: string } }>;
  certificates: Array<{ metadata: { name: string; namespace: string } }>;
  /** Gateway API objects, for a leaf in gateway mode. */
  httpRoutes?: Array<{ metadata: { name: string; namespace: string } }>;
  gateways?: Array<{ metadata: { name: string; namespace: string } }>;
  resourceVersion: string;
}

const RESOURCES: Record<
  string,
  {
    group: string;
    version: string;
    kind: string;
    key: keyof Omit<ClusterObjects, 'resourceVersion'>;
  }
> = {
  ingresses: {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    key: 'ingresses',
  },
  certificates: {
    group: 'cert-manager.io',
    version: 'v1',
    kind: 'Certificate',
    key: 'certificates',
  },
  httproutes: {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    kind: 'HTTPRoute',
    key: 'httpRoutes',
  },
  gateways: {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    kind: 'Gateway',
    key: 'gateways',
  },
};

const PATH =
  /^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/;

export function tokenMatches(
  header: string | undefined,
  token: string,
): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Pure routing: what the API server answers for a GET of `path`. */
export function routeKubernetesRequest(
  method: string,
  path: string,
  objects: ClusterObjects,
): { status: number; body: object } {
  if (path === '/version') {
    return {
      status: 200,
      body: {
        major: '1',
        minor: '31',
        gitVersion: 'v1.31.0-lab',
        platform: 'linux/amd64',
      },
    };
  }
  const m = PATH.exec(path);
  const resource = m && RESOURCES[m[4]];
  if (!m || !resource || resource.group !== m[1] || resource.version !== m[2]) {
    return {
      status: 404,
      body: statusObject(
        404,
        'NotFound',
        'the server could not find the requested resource',
        {},
      ),
    };
  }
  if (method !== 'GET') {
    return {
      status: 405,
      body: statusObject(
        405,
        'MethodNotAllowed',
        `${method} is not supported by the lab API server`,
      ),
    };
  }
  const [, group, version, namespace, plural, name] = m;
  const items = (objects[resource.key] ?? []).filter(
    o => o.metadata.namespace === namespace,
  );
  if (!name) {
    return {
      status: 200,
      body: listObject(
        `${group}/${version}`,
        resource.kind,
        objects.resourceVersion,
        items,
      ),
    };
  }
  const found = items.find(o => o.metadata.name === name);
  return found
    ? { status: 200, body: found }
    : { status: 404, body: notFound(group, plural, name) };
}

/** The static token, or an EKS token for this cluster signed with the lab's AWS credentials. */
async function authenticated(
  header: string | undefined,
  options: {
    token: string;
    eks?: {
      clusterId: string;
      credentials: LabAwsCredentials;
      onRefused?: (reason: string) => void;
    };
  },
): Promise<boolean> {
  if (tokenMatches(header, options.token)) return true;
  const bearer = /^Bearer (k8s-aws-v1\..+)$/.exec(header ?? '')?.[1];
  if (!bearer || !options.eks) return false;
  const refused = await reviewEksToken(
    bearer,
    options.eks.clusterId,
    options.eks.credentials,
  ).catch(error => `the token could not be reviewed: ${error}`);
  // Like the API server: the caller learns only 401; the reason is for the lab's own log.
  if (refused) options.eks.onRefused?.(refused);
  return !refused;
}

/**
 * A cluster's Kubernetes API on loopback: HTTPS with the lab CA, read-only, bearer-token auth:
 * the lab's token, or an EKS token (`aws eks get-token`) for this cluster's id.
 */
export async function startKubernetesApi(options: {
  port: number;
  cert: string;
  key: string;
  token: string;
  eks?: {
    clusterId: string;
    credentials: LabAwsCredentials;
    onRefused?: (reason: string) => void;
  };
  objects: () => ClusterObjects;
}): Promise<https.Server> {
  const server = https.createServer(
    { cert: options.cert, key: options.key },
    async (req, res) => {
      let result: { status: number; body: object };
      if (!(await authenticated(req.headers.authorization, options))) {
        result = {
          status: 401,
          body: statusObject(401, 'Unauthorized', 'Unauthorized'),
        };
      } else {
        const path = new URL(req.url ?? '/', 'https://lab').pathname;
        result = routeKubernetesRequest(
          req.method ?? 'GET',
          path,
          options.objects(),
        );
      }
      res.writeHead(result.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result.body));
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return server;
}
