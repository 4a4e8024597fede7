import { routeKubernetesRequest } from './apiServer';
import { gatewayObject, httpRouteObject } from './gatewayObjects';

const base = {
  cluster: 'green',
  host: 'prometheus-green.federation.test',
  loadBalancerHostname: 'green-nlb.elb.federation.test',
  createdAt: new Date('2025-01-01T00:00:00Z'),
  resourceVersion: '7',
};

const objects = {
  ingresses: [],
  certificates: [],
  httpRoutes: [httpRouteObject(base)],
  gateways: [gatewayObject(base)],
  resourceVersion: '7',
};

describe('Gateway API objects (a leaf in gateway mode)', () => {
  it('serves the HTTPRoute with Accepted and ResolvedRefs for its parent Gateway', () => {
    const { status, body } = routeKubernetesRequest(
      'GET',
      '/apis/gateway.networking.k8s.io/v1/namespaces/monitoring/httproutes/prometheus',
      objects,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'HTTPRoute',
      spec: {
        parentRefs: [{ namespace: 'gateway-system', name: 'shared' }],
        hostnames: ['prometheus-green.federation.test'],
      },
      status: {
        parents: [
          {
            parentRef: { namespace: 'gateway-system', name: 'shared' },
            conditions: [
              { type: 'Accepted', status: 'True' },
              { type: 'ResolvedRefs', status: 'True' },
            ],
          },
        ],
      },
    });
  });

  it('serves the Gateway with its address, none before the controller sets one', () => {
    const { body } = routeKubernetesRequest(
      'GET',
      '/apis/gateway.networking.k8s.io/v1/namespaces/gateway-system/gateways/shared',
      objects,
    );
    expect(body).toMatchObject({
      status: {
        addresses: [
          { type: 'Hostname', value: 'green-nlb.elb.federation.test' },
        ],
      },
    });
    const pending = gatewayObject({
      ...base,
      loadBalancerHostname: undefined,
    });
    expect(pending.status).not.toHaveProperty('addresses');
  });

  it('reports an unresolved backend, and a missing route or Ingress as 404', () => {
    const route = httpRouteObject({
      ...base,
      routeCondition: 'backend-missing',
    });
    expect(route.status.parents[0].conditions[1]).toMatchObject({
      type: 'ResolvedRefs',
      status: 'False',
      reason: 'BackendNotFound',
    });
    for (const path of [
      '/apis/gateway.networking.k8s.io/v1/namespaces/monitoring/httproutes/other',
      '/apis/networking.k8s.io/v1/namespaces/monitoring/ingresses/prometheus-ingress',
    ]) {
      expect(routeKubernetesRequest('GET', path, objects).status).toBe(404);
    }
  });
});
