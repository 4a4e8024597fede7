import { routeKubernetesRequest } from './apiServer';
import { certificateObject, ingressObject, renewalTime } from './objects';

const createdAt = new Date('2025-01-01T00:00:00Z');
const notBefore = new Date('2025-06-01T00:00:00Z');
const notAfter = new Date('2025-08-30T00:00:00Z');
const now = new Date('2025-07-01T00:00:00Z');

const ingress = ingressObject({
  cluster: 'blue',
  host: 'prometheus-blue.federation.test',
  loadBalancerHostname: 'blue-nlb.elb.federation.test',
  createdAt,
  resourceVersion: '42',
});
const cert = (condition: 'ready' | 'expired' | 'renewal-failing') =>
  certificateObject({
    cluster: 'blue',
    host: 'prometheus-blue.federation.test',
    createdAt,
    resourceVersion: '42',
    notBefore,
    notAfter,
    revision: 2,
    condition,
    now,
  });

describe('Kubernetes objects', () => {
  it('an Ingress as the set-up deploys it (docs/federation-setup.md#leaf-exposure)', () => {
    expect(ingress).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'prometheus-ingress',
        namespace: 'monitoring',
        resourceVersion: '42',
        creationTimestamp: '2025-01-01T00:00:00Z',
      },
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
          ingress: [{ hostname: 'blue-nlb.elb.federation.test' }],
        },
      },
    });
    expect(ingress.metadata.annotations['cert-manager.io/cluster-issuer']).toBe(
      'letsencrypt-prod',
    );
    expect(ingress.metadata.uid).toBe(
      ingressObject({
        cluster: 'blue',
        host: 'x',
        loadBalancerHostname: 'y',
        createdAt,
        resourceVersion: '1',
      }).metadata.uid,
    );
  });

  it('an Ingress without a load balancer address has an empty loadBalancer status', () => {
    const pending = ingressObject({
      cluster: 'blue',
      host: 'prometheus-blue.federation.test',
      createdAt,
      resourceVersion: '42',
    });
    expect(pending.status).toEqual({ loadBalancer: {} });
    expect(pending.spec).toEqual(ingress.spec);
  });

  it('a Certificate whose status follows cert-manager in each condition', () => {
    expect(renewalTime(notBefore, notAfter).toISOString()).toBe(
      '2025-07-31T00:00:00.000Z',
    );
    expect(cert('ready').status).toEqual({
      notBefore: '2025-06-01T00:00:00Z',
      notAfter: '2025-08-30T00:00:00Z',
      renewalTime: '2025-07-31T00:00:00Z',
      revision: 2,
      conditions: [
        expect.objectContaining({
          type: 'Ready',
          status: 'True',
          reason: 'Ready',
        }),
      ],
    });
    expect(cert('expired').status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Ready',
        status: 'False',
        reason: 'Expired',
      }),
    );
    const failing = cert('renewal-failing').status;
    expect(failing).toMatchObject({
      failedIssuanceAttempts: 3,
      lastFailureTime: '2025-07-01T00:00:00Z',
    });
    expect(new Date(failing.renewalTime as string) < now).toBe(true);
    expect(failing.conditions).toEqual([
      expect.objectContaining({ type: 'Ready', status: 'True' }),
      expect.objectContaining({
        type: 'Issuing',
        status: 'False',
        reason: 'Failed',
      }),
    ]);
  });
});

describe('routeKubernetesRequest', () => {
  const objects = {
    ingresses: [ingress],
    certificates: [cert('ready')],
    resourceVersion: '42',
  };

  it('gets, lists (items without kind) and answers NotFound as a Status', () => {
    const base = '/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses';
    expect(
      routeKubernetesRequest('GET', `${base}/prometheus-ingress`, objects),
    ).toEqual({ status: 200, body: ingress });
    const list = routeKubernetesRequest('GET', base, objects).body as any;
    expect(list).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressList',
      metadata: { resourceVersion: '42' },
    });
    expect(list.items[0].kind).toBeUndefined();
    expect(list.items[0].metadata.name).toBe('prometheus-ingress');
    expect(routeKubernetesRequest('GET', `${base}/other`, objects)).toEqual({
      status: 404,
      body: expect.objectContaining({
        kind: 'Status',
        status: 'Failure',
        reason: 'NotFound',
        code: 404,
        message: 'ingresses.networking.k8s.io "other" not found',
      }),
    });
    expect(
      (
        routeKubernetesRequest(
          'GET',
          '/apis/networking.k8s.io/v1/namespaces/default/ingresses',
          objects,
        ).body as any
      ).items,
    ).toEqual([]);
    expect(
      routeKubernetesRequest(
        'GET',
        '/apis/cert-manager.io/v1/namespaces/monitoring/certificates/prometheus-blue-tls',
        objects,
      ).status,
    ).toBe(200);
    expect(
      routeKubernetesRequest(
        'GET',
        '/apis/cert-manager.io/v1/namespaces/monitoring/issuers',
        objects,
      ).status,
    ).toBe(404);
    expect(
      routeKubernetesRequest('DELETE', `${base}/prometheus-ingress`, objects)
        .status,
    ).toBe(405);
  });
});
