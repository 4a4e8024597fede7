import { reviewEksToken } from '@promfed/federation-lab';
import http from 'node:http';
import { ClusterOptions, FederationOptions } from '../config/options';
import { clusterDefaults } from '../config/clusterDefaults';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { EKS_TOKEN_PREFIX, eksToken } from './eksToken';
import { KubernetesCollector } from './kubernetes';

const LAB = {
  accessKeyId: 'AKIALABTEST0000001',
  secretAccessKey: 'lab-secret-access-key-for-tests',
};
const credentials = async () => LAB;

describe('EKS tokens', () => {
  it('is a presigned STS GetCallerIdentity URL that signs the cluster id header', async () => {
    const token = await eksToken('blue', 'eu-west-1', credentials);
    expect(token.startsWith(EKS_TOKEN_PREFIX)).toBe(true);
    expect(token).not.toMatch(/=$/);
    const url = new URL(
      Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString(),
    );
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'host;x-k8s-aws-id',
    );
    // The secret never travels: only the access key id is in the URL.
    expect(token).not.toContain(LAB.secretAccessKey);
  });

  it('is accepted for its own cluster id by an API server that reviews it', async () => {
    const token = await eksToken('blue', 'eu-west-1', credentials);
    await expect(reviewEksToken(token, 'blue', LAB)).resolves.toBeUndefined();
  });

  it('is refused for another cluster id', async () => {
    const token = await eksToken('green', 'eu-west-1', credentials);
    await expect(reviewEksToken(token, 'blue', LAB)).resolves.toMatch(
      /the signature does not match/,
    );
  });

  it('is refused when signed with another secret', async () => {
    const token = await eksToken('blue', 'eu-west-1', async () => ({
      ...LAB,
      secretAccessKey: 'not-the-lab-secret',
    }));
    await expect(reviewEksToken(token, 'blue', LAB)).resolves.toMatch(
      /the signature does not match/,
    );
  });

  it('is refused once expired', async () => {
    const token = await eksToken(
      'blue',
      'eu-west-1',
      credentials,
      new Date(Date.now() - 20 * 60_000),
    );
    await expect(reviewEksToken(token, 'blue', LAB)).resolves.toBe(
      'the token has expired',
    );
  });
});

describe('KubernetesCollector with a catalog cluster', () => {
  let server: LocalServer | undefined;
  const env = { ...process.env };
  afterEach(async () => {
    await server?.close();
    process.env = { ...env };
  });

  /** An API server that answers only a valid EKS token for cluster id "blue" (401 otherwise). */
  async function eksApiServer() {
    // The backend's default AWS credential chain finds the lab's keys here.
    process.env.AWS_ACCESS_KEY_ID = LAB.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = LAB.secretAccessKey;
    server = await startLocalServer(
      async (req: http.IncomingMessage, res: http.ServerResponse) => {
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
        const refused = bearer
          ? await reviewEksToken(bearer[1], 'blue', LAB)
          : 'no token';
        res.writeHead(refused ? 401 : 404, {
          'content-type': 'application/json',
        });
        res.end(
          JSON.stringify({
            kind: 'Status',
            code: refused ? 401 : 404,
            reason: refused ? 'Unauthorized' : 'NotFound',
          }),
        );
      },
    );
    return server.url;
  }

  function collect(url: string, kubernetes: ClusterOptions['kubernetes']) {
    const options = {
      upstreamTimeoutSeconds: 5,
      refreshIntervalSeconds: 30,
      maxResponseBytes: 1e6,
    } as FederationOptions;
    const cluster: ClusterOptions = {
      ...clusterDefaults('blue'),
      name: 'blue',
      host: 'prometheus-blue.example.com',
      port: 443,
      exposure: 'ingress',
      kubernetes: { url, ...kubernetes },
    };
    return new KubernetesCollector(options, []).collect(cluster);
  }

  it('reads with an EKS token made from the backend credentials', async () => {
    const url = await eksApiServer();
    const facts = await collect(url, {
      aws: { clusterId: 'blue', region: 'eu-west-1' },
    });
    // Authenticated: the objects are missing (404), a finding, not a failure.
    expect(facts?.ingress).toEqual({
      ok: true,
      value: expect.objectContaining({ found: false }),
    });
  });

  it('shows a token for the wrong cluster id as the source unknown, with the reason', async () => {
    const url = await eksApiServer();
    const facts = await collect(url, {
      aws: { clusterId: 'green', region: 'eu-west-1' },
    });
    expect(facts?.ingress).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Kubernetes blue: .*401/),
    });
  });

  it('reads with a service account token, and names a missing one', async () => {
    server = await startLocalServer((req, res) => {
      const ok = req.headers.authorization === 'Bearer sa-token';
      res.writeHead(ok ? 404 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: ok ? 404 : 401 }));
    });
    expect(
      (await collect(server.url, { token: 'sa-token' }))?.certificate.ok,
    ).toBe(true);
    const missing = await collect(server.url, {
      problem: 'no service account token for cluster blue',
    });
    expect(missing?.certificate).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /no service account token for cluster blue/,
      ),
    });
  });
});
