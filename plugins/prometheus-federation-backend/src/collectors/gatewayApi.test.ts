import { ConfigReader } from '@backstage/config';
import { readFederationConfig } from '../config/readFederationConfig';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { KubernetesCollector } from './kubernetes';

// Shapes of gateway.networking.k8s.io/v1 HTTPRoute and Gateway as the API server returns them.
const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'prometheus', namespace: 'monitoring' },
  spec: {
    parentRefs: [
      { name: 'shared', namespace: 'gateway-system', sectionName: 'https' },
    ],
    hostnames: ['prometheus-blue.federation.test'],
    rules: [
      {
        backendRefs: [{ name: 'kube-prometheus-stack-prometheus', port: 9090 }],
      },
    ],
  },
  status: {
    parents: [
      {
        parentRef: {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'shared',
          namespace: 'gateway-system',
          sectionName: 'https',
        },
        controllerName: 'example.net/gateway-controller',
        conditions: [
          {
            type: 'Accepted',
            status: 'True',
            reason: 'Accepted',
            message: 'Route is accepted',
            lastTransitionTime: '2026-11-20T00:00:00Z',
          },
          {
            type: 'ResolvedRefs',
            status: 'True',
            reason: 'ResolvedRefs',
            message: 'Resolved all the Object references for the Route',
            lastTransitionTime: '2026-11-20T00:00:00Z',
          },
        ],
      },
    ],
  },
};

const GATEWAY = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'shared', namespace: 'gateway-system' },
  spec: { gatewayClassName: 'aws-nlb', listeners: [] },
  status: {
    addresses: [
      { type: 'Hostname', value: 'gw-1.elb.eu-west-1.amazonaws.com' },
    ],
  },
};

const PATHS: Record<string, object> = {
  '/apis/gateway.networking.k8s.io/v1/namespaces/monitoring/httproutes/prometheus':
    HTTP_ROUTE,
  '/apis/gateway.networking.k8s.io/v1/namespaces/gateway-system/gateways/shared':
    GATEWAY,
};

describe('KubernetesCollector on Gateway API', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  async function collect(exposure?: string, refreshes = 1) {
    server = await startLocalServer((req, res) => {
      const body = PATHS[req.url!];
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          body ?? { kind: 'Status', code: 404, reason: 'NotFound' },
        ),
      );
    });
    const options = readFederationConfig(
      new ConfigReader({
        prometheusFederation: {
          opsPrometheus: { url: 'http://127.0.0.1:1' },
          upstreamTimeoutSeconds: 2,
          clusters: [
            {
              name: 'blue',
              prometheus: { host: 'prometheus-blue.federation.test' },
              kubernetes: { url: server.url, token: 'kube-token' },
              ...(exposure ? { exposure } : {}),
            },
          ],
        },
      }),
    )!;
    const collector = new KubernetesCollector(options, ['kube-token']);
    for (let i = 1; i < refreshes; i++)
      await collector.collect(options.clusters[0]);
    server.requests.length = 0;
    return collector.collect(options.clusters[0]);
  }

  const expected = {
    ok: true,
    value: {
      found: true,
      hostnames: ['prometheus-blue.federation.test'],
      parents: [
        {
          namespace: 'gateway-system',
          name: 'shared',
          conditions: [
            expect.objectContaining({ type: 'Accepted', status: 'True' }),
            expect.objectContaining({ type: 'ResolvedRefs', status: 'True' }),
          ],
          addresses: ['gw-1.elb.eu-west-1.amazonaws.com'],
        },
      ],
    },
  };

  it('in gateway mode reads the HTTPRoute and its Gateway, not the Ingress', async () => {
    const facts = await collect('gateway');
    expect(facts?.httpRoute).toEqual(expected);
    expect(facts?.ingress).toMatchObject({ ok: true, value: { found: false } });
    expect(server.requests.map(r => r.url)).not.toContainEqual(
      expect.stringContaining('ingresses'),
    );
  });

  it('without an exposure, reads the HTTPRoute only when no Ingress exists', async () => {
    const facts = await collect();
    expect(facts?.httpRoute).toEqual(expected);
    expect(server.requests[0].url).toContain('ingresses');
  });

  it('once detected, reads the HTTPRoute instead of the Ingress (no third request)', async () => {
    const facts = await collect(undefined, 2);
    expect(facts?.httpRoute).toEqual(expected);
    expect(server.requests.map(r => r.url)).not.toContainEqual(
      expect.stringContaining('ingresses'),
    );
  });

  it('rejects an unknown exposure at start', async () => {
    await expect(collect('loadbalancer')).rejects.toThrow(
      /exposure.*must be ingress or gateway/,
    );
  });
});
