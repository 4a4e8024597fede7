import { HttpRouteFacts } from '../collectors/types';
import {
  context,
  healthyFacts,
  options,
} from '../__testUtils__/triageFixtures';
import { dnsCheck } from './dnsCheck';
import { ingressCheck } from './ingressCheck';
import { triageCluster } from './triageFederation';
import { NO_INGRESS } from '../collectors/kubernetesObjects';

const accepted = [
  { type: 'Accepted', status: 'True', reason: 'Accepted' },
  { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
];

function route(overrides: Partial<HttpRouteFacts> = {}): HttpRouteFacts {
  return {
    found: true,
    hostnames: ['prometheus-blue.example.com'],
    parents: [
      {
        namespace: 'gateway-system',
        name: 'shared',
        conditions: accepted,
        addresses: ['gw-nlb.elb.amazonaws.com'],
      },
    ],
    ...overrides,
  };
}

/** Blue without an Ingress, exposed by the HTTPRoute instead (detected, no exposure set). */
function gatewayFacts(value: HttpRouteFacts = route()) {
  const facts = healthyFacts();
  facts.kubernetes!.ingress = { ok: true, value: NO_INGRESS };
  facts.kubernetes!.httpRoute = { ok: true, value };
  return facts;
}

const gatewayCluster = { ...options.clusters[0], exposure: 'gateway' as const };

describe('exposure check on an HTTPRoute', () => {
  it('passes with Accepted and ResolvedRefs and the Gateway address as load balancer', () => {
    const c = ingressCheck(context(gatewayFacts()));
    expect(c.result).toBe('pass');
    expect(c.summary).toBe(
      'HTTPRoute monitoring/prometheus serves prometheus-blue.example.com on Gateway gateway-system/shared at gw-nlb.elb.amazonaws.com.',
    );
    expect(c.evidence).toContainEqual({
      label: 'Gateway gateway-system/shared',
      value:
        'Accepted=True (Accepted), ResolvedRefs=True (ResolvedRefs), addresses: gw-nlb.elb.amazonaws.com',
    });
    expect(c.evidence).toContainEqual({
      label: 'Load balancer',
      value: 'gw-nlb.elb.amazonaws.com',
    });
  });

  it('fails when the Gateway has not accepted the route, naming the HTTPRoute file and describe', () => {
    const facts = gatewayFacts(
      route({
        parents: [
          {
            namespace: 'gateway-system',
            name: 'shared',
            conditions: [
              {
                type: 'Accepted',
                status: 'False',
                reason: 'NotAllowedByListeners',
                message: 'no listener admits namespace monitoring',
              },
            ],
            addresses: ['gw-nlb.elb.amazonaws.com'],
          },
        ],
      }),
    );
    const c = ingressCheck(context(facts));
    expect(c.result).toBe('fail');
    expect(c.summary).toBe(
      'HTTPRoute monitoring/prometheus: Gateway gateway-system/shared has not accepted the route (Accepted=False (NotAllowedByListeners: no listener admits namespace monitoring)).',
    );
    const status = triageCluster(context(facts), []);
    expect(status.checks[0].remediation).toMatchObject({
      file: 'argocd/applications/prod-blue/cluster-resources/prometheus-httproute.yaml',
      commands: expect.arrayContaining([
        'kubectl describe httproute prometheus -n monitoring --context=blue',
      ]),
    });
  });

  it('fails on an unresolved backend, a missing address, another host and a missing route', () => {
    const unresolved = route();
    unresolved.parents[0].conditions = [
      accepted[0],
      {
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'BackendNotFound',
      },
    ];
    expect(ingressCheck(context(gatewayFacts(unresolved))).summary).toContain(
      "the route's backend is not resolved on Gateway gateway-system/shared (ResolvedRefs=False (BackendNotFound))",
    );
    const noAddress = route();
    noAddress.parents[0].addresses = [];
    expect(ingressCheck(context(gatewayFacts(noAddress))).summary).toContain(
      'Gateway gateway-system/shared has no address yet',
    );
    expect(
      ingressCheck(
        context(
          gatewayFacts(route({ hostnames: ['prometheus-x.example.com'] })),
        ),
      ).summary,
    ).toBe(
      'HTTPRoute monitoring/prometheus does not serve prometheus-blue.example.com.',
    );
    const missing = gatewayFacts({ found: false, hostnames: [], parents: [] });
    const ctx = { ...context(missing), cluster: gatewayCluster };
    expect(ingressCheck(ctx).summary).toBe(
      'HTTPRoute monitoring/prometheus does not exist on blue.',
    );
  });

  it('passes on one of two parents; an unreadable Gateway leaves the other to decide', () => {
    const two = route();
    two.parents = [
      {
        namespace: 'gateway-system',
        name: 'old',
        conditions: accepted,
        gatewayError: 'not found',
      },
      ...two.parents,
    ];
    expect(ingressCheck(context(gatewayFacts(two))).result).toBe('pass');
  });

  it('keeps the Ingress check when the Ingress exists, and reports a failed route read as unknown', () => {
    expect(ingressCheck(context()).summary).toContain('Ingress');
    const facts = gatewayFacts();
    facts.kubernetes!.httpRoute = {
      ok: false,
      reason:
        'Kubernetes blue: HTTP 403 reading httproute monitoring/prometheus',
    };
    const c = ingressCheck({ ...context(facts), cluster: gatewayCluster });
    expect(c).toMatchObject({
      result: 'unknown',
      reason:
        'Kubernetes blue: HTTP 403 reading httproute monitoring/prometheus',
    });
  });
});

describe('DNS check on a leaf exposed by an HTTPRoute', () => {
  it("compares the host's addresses with the parent Gateway's, not the missing Ingress's", () => {
    const withIp = route();
    withIp.parents[0].addresses = ['198.51.100.9'];
    const facts = gatewayFacts(withIp);
    expect(dnsCheck(context(facts)).summary).toBe(
      'prometheus-blue.example.com resolves to 198.51.100.7, not to the Gateway load balancer.',
    );
    withIp.parents[0].addresses = ['198.51.100.7'];
    expect(dnsCheck(context(gatewayFacts(withIp))).result).toBe('pass');
  });
});

it('DNS remediation on a gateway leaf names the HTTPRoute, not the Ingress', () => {
  const facts = gatewayFacts();
  facts.dns = { ok: true, value: { addresses: [], error: 'ENOTFOUND' } };
  const dns = triageCluster(context(facts), []).checks.find(
    c => c.id === 'dns',
  )!;
  expect(dns.remediation?.commands).toContain(
    'kubectl describe httproute prometheus -n monitoring --context=blue',
  );
  expect(dns.remediation?.summary).toContain('gateway-httproute');
});
