import { Check } from '@promfed/plugin-prometheus-federation-common';
import {
  context,
  healthyFacts,
  NOW,
  opsFacts,
  options,
  target,
} from '../__testUtils__/triageFixtures';
import { triageCluster } from './triageFederation';

/** One cluster triaged end to end, as the service does. */
function triage(ctx = context()) {
  return triageCluster(ctx, []);
}

const refused = opsFacts({
  targets: [
    target({
      health: 'down',
      lastError:
        'Get "https://prometheus-blue.example.com:443/federate": dial tcp 10.0.0.7:443: connect: connection refused',
    }),
  ],
});

function probeFails(facts = healthyFacts()) {
  facts.probe = {
    ok: true,
    value: {
      textFormat: false,
      durationMs: 1,
      error: 'connect ECONNREFUSED 10.0.0.7:443',
      errorCode: 'ECONNREFUSED',
    },
  };
  return facts;
}

describe('the headline policy (docs/federation-setup.md#headline-policy)', () => {
  it('1. ops Prometheus unreadable: every cluster unknown, said once with the source and reason; federated unknown', () => {
    const c = triage({
      ...context(probeFails()),
      ops: {
        ok: false,
        reason: 'ops Prometheus /api/v1/targets: connection refused',
      },
      target: undefined,
    });
    expect(c.state).toBe('unknown');
    expect(c.federated).toBeUndefined();
    expect(c.headline).toEqual({
      check: 'target',
      summary:
        'ops Prometheus unreachable: /api/v1/targets: connection refused',
    });
    // The probe is not the headline, even when it fails too.
    expect(c.checks.find(x => x.id === 'metrics')).toMatchObject({
      result: 'unknown',
      reason: 'ops Prometheus /api/v1/targets: connection refused',
    });
  });

  it('2. configured without a federate job: "not federated", with the remediation that adds it', () => {
    const c = triage({
      ...context(healthyFacts(), opsFacts({ targets: [] })),
      target: undefined,
    });
    expect(c.state).toBe('unknown');
    expect(c.federated).toBe(false);
    expect(c.headline).toEqual({
      check: 'target',
      summary: 'not federated: ops Prometheus has no job federate-blue',
    });
    expect(c.remediation?.summary).toContain('Add cluster to federation');
    expect(c.remediation?.summary).toContain('buildFederateJob()');
    expect(c.remediation?.file).toBe(
      'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml',
    );
  });

  it("3. target down, prerequisites pass: the target's own cause, the probe as agreeing evidence", () => {
    const c = triage(context(probeFails(), refused));
    expect(c.state).toBe('down');
    expect(c.headline).toEqual({
      check: 'target',
      summary: 'federate-blue is down: connection refused',
      cause: 'connection-refused',
      probe: {
        result: 'fail',
        summary:
          'https://prometheus-blue.example.com:443/federate: connection refused',
        agrees: true,
      },
    });
    // The remediation keeps the job's port and quotes the URL for the shell.
    expect(c.remediation?.commands).toContain(
      "kubectl run -it --rm debug --image=curlimages/curl --restart=Never --context=ops -- curl 'https://prometheus-blue.example.com/federate?match[]=up'",
    );
  });

  it('3. target down: a probe that gets through disagrees, and is still not the headline', () => {
    const c = triage(context(healthyFacts(), refused));
    expect(c.headline).toMatchObject({
      check: 'target',
      probe: { result: 'pass', agrees: false },
    });
  });

  it('3. target down: the first failing prerequisite heads, in troubleshooting order', () => {
    const facts = probeFails();
    facts.securityGroupRules = { ok: true, value: [] };
    facts.dns = { ok: true, value: { addresses: [], error: 'ENOTFOUND' } };
    const c = triage(context(facts, refused));
    expect(c.state).toBe('down');
    expect(c.headline).toMatchObject({
      check: 'dns',
      summary: 'prometheus-blue.example.com does not resolve (ENOTFOUND).',
      probe: { agrees: true },
    });
  });

  it('3. a non-default port stays in the remediation command', () => {
    const facts = probeFails();
    facts.probePlan = {
      url: 'https://prometheus-blue.example.com:8443/federate?match%5B%5D=up',
      serverName: 'prometheus-blue.example.com',
      verify: true,
      from: 'job',
    };
    const c = triage(context(facts, refused));
    expect(c.remediation?.commands?.join('\n')).toContain(
      "curl 'https://prometheus-blue.example.com:8443/federate?match[]=up'",
    );
  });

  it('4. target up: the first fail, else the first warn, in chain order; unknown checks do not head', () => {
    const facts = probeFails();
    const ops = opsFacts({ samplesScraped: { 'federate-blue': 900 } });
    const soon = {
      ...context(facts, ops),
      scrapeJob: {
        jobName: 'federate-blue',
        insecureSkipVerify: false,
        sampleLimit: 1000,
      },
    };
    const c = triage(soon);
    expect(c.state).toBe('degraded');
    expect(c.checks.find(x => x.id === 'connectivity')?.result).toBe('unknown');
    expect(c.headline).toEqual({
      check: 'latency',
      summary: 'federate-blue returns 900 samples of its 1000 limit.',
    });
    const healthy = triage();
    expect(healthy.state).toBe('healthy');
    expect(healthy.headline).toBeUndefined();
    expect(healthy.federated).toBe(true);
  });

  it('never puts a summary on two lines', () => {
    const facts = probeFails();
    (facts.probe as { value: { error: string } }).value.error =
      'line one\nline two';
    const all: Check[] = triage(context(facts, refused)).checks;
    for (const check of all) expect(check.summary).not.toContain('\n');
    expect(options.clusters[0].name).toBe('blue');
  });

  it('a job reloaded with a changed configuration, first scrape pending: unknown, not down', () => {
    const pending = opsFacts({
      targets: [
        target({ health: 'unknown', lastScrape: '0001-01-01T00:00:00Z' }),
      ],
    });
    const c = triage(context(healthyFacts(), pending));
    expect(c.state).toBe('unknown');
    expect(c.headline).toEqual({
      check: 'target',
      summary:
        'federate-blue restarted with a changed configuration (ops Prometheus reload): its first scrape is due within 30s.',
    });
    // Never scraped and no series from before: down, as a new unreachable job is.
    const fresh = opsFacts({
      targets: pending.targets,
      scrapeDuration: {},
    });
    expect(triage(context(healthyFacts(), fresh)).state).toBe('down');
  });

  // A job whose path changed: a new target, the old one's series ended by staleness markers.
  // Its first scrape is due 10s (the target reaches its loop) + the 30s interval + the 10s
  // timeout + 1s (whole seconds) after the load: pending until then, down after it.
  it.each([
    [
      51,
      'unknown',
      'federate-blue is new since ops Prometheus loaded its configuration 51s ago: its first scrape is due within 51s of the load.',
    ],
    [
      52,
      'down',
      'federate-blue has never been scraped since ops Prometheus loaded its configuration 52s ago (every 30s).',
    ],
  ])(
    'a target never scraped, ops Prometheus configuration loaded %ss ago: %s',
    (loadedAgo, state, summary) => {
      const c = triage(
        context(
          healthyFacts(),
          opsFacts({
            targets: [
              target({ health: 'unknown', lastScrape: '0001-01-01T00:00:00Z' }),
            ],
            scrapeDuration: {},
            configLoadedAt: NOW - loadedAgo,
          }),
        ),
      );
      expect(c.state).toBe(state);
      // A down headline carries the probe beside it.
      expect(c.headline).toMatchObject({ check: 'target', summary });
      expect(c.checks.find(x => x.id === 'target')?.evidence).toContainEqual({
        label: 'Configuration loaded',
        value: `${loadedAgo}s ago (ops Prometheus)`,
      });
    },
  );

  it('samples over the sample limit before the failing scrape: the latency check names the cause', () => {
    const c = triage({
      ...context(),
      scrapeJob: {
        jobName: 'federate-blue',
        insecureSkipVerify: false,
        sampleLimit: 10,
      },
    });
    expect(c.headline).toEqual({
      check: 'latency',
      cause: 'sample-limit',
      summary:
        'federate-blue returns 1200 samples, over its sample_limit of 10: its next scrape fails (sample limit exceeded).',
    });
  });
});
