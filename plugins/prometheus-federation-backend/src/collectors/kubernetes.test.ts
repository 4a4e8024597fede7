import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../config/readFederationConfig';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { KubernetesCollector } from './kubernetes';

// Shapes of networking.k8s.io/v1 Ingress and cert-manager.io/v1 Certificate as the API server returns them.
const INGRESS = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'prometheus-ingress', namespace: 'monitoring' },
  spec: {
    ingressClassName: 'nginx',
    tls: [
      {
        hosts: ['prometheus-blue.federation.test'],
        secretName: 'prometheus-blue-tls',
      },
    ],
    rules: [
      {
        host: 'prometheus-blue.federation.test',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: {
                service: {
                  name: 'kube-prometheus-stack-prometheus',
                  port: { number: 9090 },
                },
              },
            },
          ],
        },
      },
    ],
  },
  status: {
    loadBalancer: {
      ingress: [{ hostname: 'a1b2.elb.eu-west-1.amazonaws.com' }],
    },
  },
};

const CERTIFICATE = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'prometheus-blue-tls', namespace: 'monitoring' },
  spec: {
    dnsNames: ['prometheus-blue.federation.test'],
    secretName: 'prometheus-blue-tls',
    issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
  },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'Ready',
        message: 'Certificate is up to date and has not expired',
        lastTransitionTime: '2026-10-01T00:00:00Z',
      },
      {
        type: 'Issuing',
        status: 'False',
        reason: 'Failed',
        message:
          'The certificate request has failed to complete and will be retried',
        lastTransitionTime: '2026-11-20T00:00:00Z',
      },
    ],
    notBefore: '2026-09-01T00:00:00Z',
    notAfter: '2026-12-01T00:00:00Z',
    renewalTime: '2026-11-01T00:00:00Z',
    failedIssuanceAttempts: 3,
    lastFailureTime: '2026-11-20T00:00:00Z',
  },
};

describe('KubernetesCollector', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  function collector(access: object) {
    const options = readFederationConfig(
      new ConfigReader({
        prometheusFederation: {
          opsPrometheus: { url: 'http://127.0.0.1:1' },
          upstreamTimeoutSeconds: 1,
          clusters: [
            {
              name: 'blue',
              prometheus: { host: 'prometheus-blue.federation.test' },
              kubernetes: access,
            },
          ],
        },
      }),
    )!;
    return {
      collector: new KubernetesCollector(options, ['kube-token-never-shown']),
      cluster: options.clusters[0],
    };
  }

  it('reads the Ingress and the Certificate with a token', async () => {
    server = await startLocalServer((req, res) => {
      const objects: Record<string, object> = {
        '/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses/prometheus-ingress':
          INGRESS,
        '/apis/cert-manager.io/v1/namespaces/monitoring/certificates/prometheus-blue-tls':
          CERTIFICATE,
      };
      const body = objects[req.url!];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          body ?? { kind: 'Status', code: 404, reason: 'NotFound' },
        ),
      );
    });
    const { collector: c, cluster } = collector({
      url: server.url,
      token: 'kube-token-never-shown',
    });
    const facts = await c.collect(cluster);
    expect(facts?.ingress).toEqual({
      ok: true,
      value: {
        found: true,
        hosts: ['prometheus-blue.federation.test'],
        tlsSecrets: ['prometheus-blue-tls'],
        tlsHosts: ['prometheus-blue.federation.test'],
        loadBalancer: [
          { hostname: 'a1b2.elb.eu-west-1.amazonaws.com', ip: undefined },
        ],
      },
    });
    expect(facts?.certificate).toMatchObject({
      ok: true,
      value: {
        found: true,
        notAfter: '2026-12-01T00:00:00Z',
        renewalTime: '2026-11-01T00:00:00Z',
        failedIssuanceAttempts: 3,
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Issuing', status: 'False', reason: 'Failed' },
        ],
      },
    });
    expect(server.requests[0].headers.authorization).toBe(
      'Bearer kube-token-never-shown',
    );
  });

  it('reuses its connections to the API server across requests and refreshes', async () => {
    server = await startLocalServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(req.url!.includes('ingresses') ? INGRESS : CERTIFICATE),
      );
    });
    const { collector: c, cluster } = collector({
      url: server.url,
      token: 'kube-token-never-shown',
    });
    for (let refresh = 0; refresh < 6; refresh++) {
      expect((await c.collect(cluster))?.ingress.ok).toBe(true);
    }
    expect(server.requests).toHaveLength(12);
    // The client alone opens one connection per request (12); pooled, refreshes mostly reuse them.
    expect(server.connections()).toBeLessThanOrEqual(6);
  });

  it('reports a missing object as not found and a server error as a reason without the token', async () => {
    server = await startLocalServer((req, res) => {
      const missing = req.url!.includes('ingresses');
      res.writeHead(missing ? 404 : 500, {
        'content-type': 'application/json',
      });
      res.end(
        JSON.stringify({
          kind: 'Status',
          code: missing ? 404 : 500,
          message: 'kube-token-never-shown',
        }),
      );
    });
    const { collector: c, cluster } = collector({
      url: server.url,
      token: 'kube-token-never-shown',
    });
    const facts = await c.collect(cluster);
    expect(facts?.ingress).toMatchObject({ ok: true, value: { found: false } });
    expect(facts?.certificate).toMatchObject({
      ok: false,
      reason:
        'Kubernetes blue: HTTP 500 reading certificate monitoring/prometheus-blue-tls',
    });
  });

  it('marks both objects unknown with a timeout when the API server hangs', async () => {
    server = await startLocalServer(() => {
      /* never answers */
    });
    const { collector: c, cluster } = collector({
      url: server.url,
      token: 'kube-token-never-shown',
    });
    const facts = await c.collect(cluster);
    expect(facts?.ingress).toMatchObject({ ok: false, timedOut: true });
    expect(facts?.certificate).toMatchObject({ ok: false, timedOut: true });
  });
});
