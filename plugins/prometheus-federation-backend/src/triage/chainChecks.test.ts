import { connectivityCheck } from './connectivityCheck';
import { dnsCheck } from './dnsCheck';
import { ingressCheck } from './ingressCheck';
import { latencyCheck } from './latencyCheck';
import { metricsCheck } from './metricsCheck';
import { targetCheck } from './targetCheck';
import {
  context,
  healthyFacts,
  NOW,
  opsFacts,
  target,
} from '../__testUtils__/triageFixtures';

describe('ingressCheck', () => {
  it('passes with hosts, TLS secret and load balancer as evidence', () => {
    const c = ingressCheck(context());
    expect(c.result).toBe('pass');
    expect(c.evidence).toContainEqual({
      label: 'Load balancer',
      value: 'nlb-blue.elb.amazonaws.com',
    });
  });
  it('fails when the Ingress is missing or has no load balancer', () => {
    const facts = healthyFacts();
    facts.kubernetes!.ingress = {
      ok: true,
      value: {
        found: false,
        hosts: [],
        tlsSecrets: [],
        tlsHosts: [],
        loadBalancer: [],
      },
    };
    expect(ingressCheck(context(facts)).summary).toBe(
      'Ingress monitoring/prometheus-ingress does not exist on blue.',
    );
    const noLb = healthyFacts();
    (noLb.kubernetes!.ingress as any).value.loadBalancer = [];
    expect(ingressCheck(context(noLb)).summary).toContain(
      'has no load balancer address',
    );
  });
});

describe('dnsCheck', () => {
  it('fails on NXDOMAIN and passes with the addresses', () => {
    const facts = healthyFacts();
    facts.dns = { ok: true, value: { addresses: [], error: 'ENOTFOUND' } };
    expect(dnsCheck(context(facts))).toMatchObject({
      result: 'fail',
      summary: 'prometheus-blue.example.com does not resolve (ENOTFOUND).',
    });
    expect(dnsCheck(context()).result).toBe('pass');
  });
});

describe('connectivityCheck', () => {
  /** Ops Prometheus also fails to scrape the leaf: the probe's finding stands. */
  function targetDown() {
    const ops = opsFacts();
    ops.targets = ops.targets.map(t => ({ ...t, health: 'down' as const }));
    return ops;
  }

  it('reports a failed probe as unknown while the ops target is up: the target is the authority', () => {
    const facts = healthyFacts();
    facts.probe = {
      ok: true,
      value: {
        textFormat: false,
        durationMs: 1,
        error: 'connect ETIMEDOUT',
        errorCode: 'ETIMEDOUT',
      },
    };
    expect(connectivityCheck(context(facts))).toMatchObject({
      result: 'unknown',
      cause: 'timeout',
      reason: 'the portal cannot reach the leaf, but ops Prometheus scrapes it',
    });
  });

  it('fails with the classified cause', () => {
    const facts = healthyFacts();
    facts.probe = {
      ok: true,
      value: {
        textFormat: false,
        durationMs: 1,
        error: 'connect ECONNREFUSED 127.0.0.1:443',
        errorCode: 'ECONNREFUSED',
      },
    };
    expect(connectivityCheck(context(facts, targetDown()))).toMatchObject({
      result: 'fail',
      cause: 'connection-refused',
    });
    facts.probe = {
      ok: true,
      value: { status: 404, textFormat: false, durationMs: 1 },
    };
    expect(connectivityCheck(context(facts, targetDown()))).toMatchObject({
      result: 'fail',
      cause: 'not-found',
    });
    facts.probe = {
      ok: true,
      value: {
        status: 200,
        contentType: 'text/html',
        textFormat: false,
        durationMs: 1,
      },
    };
    expect(connectivityCheck(context(facts, targetDown()))).toMatchObject({
      result: 'fail',
      cause: 'invalid-content-type',
    });
  });
  it('treats a probe that does not answer in time as a timeout of the leaf', () => {
    const facts = healthyFacts();
    facts.probe = {
      ok: false,
      reason:
        'timeout: federate probe of prometheus-blue.example.com did not answer within 5s',
      timedOut: true,
    };
    expect(connectivityCheck(context(facts, targetDown()))).toMatchObject({
      result: 'fail',
      cause: 'timeout',
    });
  });
});

describe('targetCheck', () => {
  it('fails with the lastError classified, and when the job is missing', () => {
    const ops = opsFacts({
      targets: [target({ health: 'down', lastError: 'sample limit exceeded' })],
    });
    expect(targetCheck(context(healthyFacts(), ops))).toMatchObject({
      result: 'fail',
      cause: 'sample-limit',
      summary:
        'federate-blue is down (sample limit exceeded): sample limit exceeded',
    });
    expect(targetCheck({ ...context(), target: undefined }).summary).toContain(
      'not federated',
    );
  });
  it('is unknown with the reason when ops Prometheus cannot be read', () => {
    expect(
      targetCheck({
        ...context(),
        ops: {
          ok: false,
          reason: 'timeout: ops Prometheus targets did not answer within 5s',
          timedOut: true,
        },
      }),
    ).toMatchObject({
      result: 'unknown',
      reason: 'timeout: ops Prometheus targets did not answer within 5s',
    });
  });
});

describe('metricsCheck', () => {
  it('fails when no http series arrive and warns on the stale ghost of a dead leaf', () => {
    expect(
      metricsCheck(
        context(healthyFacts(), opsFacts({ series: { ok: true, value: {} } })),
      ).result,
    ).toBe('fail');
    const ghost = opsFacts({
      series: {
        ok: true,
        value: {
          blue: { httpSeries: 40, newestSample: NOW - 200, applications: {} },
        },
      },
    });
    expect(metricsCheck(context(healthyFacts(), ghost))).toMatchObject({
      result: 'warn',
      summary: expect.stringContaining('linger for 5 minutes'),
    });
    expect(metricsCheck(context()).result).toBe('pass');
  });
});

describe('latencyCheck', () => {
  it('warns above 0.8 of the timeout, fails at the timeout, warns near the sample limit', () => {
    expect(
      latencyCheck(
        context(
          healthyFacts(),
          opsFacts({ scrapeDuration: { 'federate-blue': 8.5 } }),
        ),
      ).result,
    ).toBe('warn');
    expect(
      latencyCheck(
        context(
          healthyFacts(),
          opsFacts({ scrapeDuration: { 'federate-blue': 10 } }),
        ),
      ).result,
    ).toBe('fail');
    const limited = opsFacts({
      scrapeJobs: {
        ok: true,
        value: [
          {
            jobName: 'federate-blue',
            insecureSkipVerify: false,
            sampleLimit: 1000,
          },
        ],
      },
      samplesScraped: { 'federate-blue': 900 },
    });
    expect(latencyCheck(context(healthyFacts(), limited)).summary).toBe(
      'federate-blue returns 900 samples of its 1000 limit.',
    );
    expect(latencyCheck(context()).result).toBe('pass');
  });
});
