import { connectivityCheck } from './connectivityCheck';
import { dnsCheck } from './dnsCheck';
import { ingressCheck } from './ingressCheck';
import { latencyCheck } from './latencyCheck';
import { targetCheck } from './targetCheck';
import {
  context,
  healthyFacts,
  opsFacts,
  target,
} from '../__testUtils__/triageFixtures';
import { NO_INGRESS } from '../collectors/kubernetesObjects';

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
    facts.kubernetes!.ingress = { ok: true, value: NO_INGRESS };
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
  it('warns when the host resolves elsewhere than the load balancer name does', () => {
    const facts = healthyFacts();
    facts.dns = {
      ok: true,
      value: { addresses: ['127.0.0.2'], loadBalancerAddresses: ['127.0.0.1'] },
    };
    expect(dnsCheck(context(facts))).toMatchObject({
      result: 'warn',
      summary:
        'prometheus-blue.example.com resolves to 127.0.0.2, not to the Ingress load balancer.',
    });
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
      reason: 'probe prometheus-blue.example.com: timeout after 5 s',
      timedOut: true,
    };
    expect(connectivityCheck(context(facts, targetDown()))).toMatchObject({
      result: 'fail',
      cause: 'timeout',
      summary:
        'https://prometheus-blue.example.com:443/federate: timeout after 5 s',
    });
  });

  it('names the cause in words on one line; the raw library error stays in the evidence', () => {
    const facts = healthyFacts();
    const raw =
      'C0B7A1F5:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:\n../deps/openssl/ssl/record/ssl3_record.c:354:\n';
    facts.probe = {
      ok: true,
      value: {
        textFormat: false,
        durationMs: 1,
        error: raw,
        errorCode: 'ERR_SSL_WRONG_VERSION_NUMBER',
      },
    };
    const c = connectivityCheck(context(facts, targetDown()));
    expect(c).toMatchObject({
      result: 'fail',
      cause: 'http-vs-https',
      summary:
        'https://prometheus-blue.example.com:443/federate: HTTP answer to an HTTPS scrape',
    });
    expect(c.evidence).toContainEqual({ label: 'Answer', value: raw });
  });

  it('probes the URL the job scrapes: a plain-HTTP job on its own port', () => {
    const facts = healthyFacts();
    facts.probePlan = {
      url: 'http://prometheus-blue.example.com:9090/federate?match[]=up',
      serverName: 'prometheus-blue.example.com',
      verify: true,
      from: 'job',
    };
    expect(connectivityCheck(context(facts)).summary).toBe(
      'http://prometheus-blue.example.com:9090/federate answers 200 in Prometheus text format in 40 ms.',
    );
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
      summary: 'federate-blue is down: sample limit exceeded',
    });
    expect(
      targetCheck(
        context(
          healthyFacts(),
          opsFacts({
            targets: [
              target({
                health: 'down',
                lastError:
                  'Get "https://10.0.0.7:443/federate": x509: certificate has expired or is not yet valid: current time 2026-11-24T12:00:00Z is after 2026-11-01T00:00:00Z',
              }),
            ],
          }),
        ),
      ).summary,
    ).toBe('federate-blue is down: certificate expired');
    expect(targetCheck({ ...context(), target: undefined }).summary).toBe(
      'not federated: ops Prometheus has no job federate-blue',
    );
  });
  it('is unknown with the reason when ops Prometheus cannot be read', () => {
    expect(
      targetCheck({
        ...context(),
        ops: {
          ok: false,
          reason: 'ops Prometheus /api/v1/targets: timeout after 5 s',
          timedOut: true,
        },
      }),
    ).toMatchObject({
      result: 'unknown',
      reason: 'ops Prometheus /api/v1/targets: timeout after 5 s',
    });
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
