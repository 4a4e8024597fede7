import {
  DiagnosisCause,
  Evidence,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import {
  context,
  healthyFacts,
  iso,
  opsFacts,
  seriesAged,
  target,
  withFederateJob,
} from '../__testUtils__/triageFixtures';
import { OpsPrometheusFacts } from '../collectors/types';
import { triageCluster } from './triageFederation';

/** blue's http series stopped 5 minutes ago; the target is up. */
const stale = (more: Partial<OpsPrometheusFacts> = {}) => seriesAged(300, more);

const triage = (ops: OpsPrometheusFacts, facts = healthyFacts()) =>
  triageCluster(context(facts, ops), []);

type Triaged = ReturnType<typeof triage>;

/** The metrics check headlines the cause in these words, the finding's evidence first. */
function expectMetricsCause(
  c: Triaged,
  cause: DiagnosisCause,
  summary: string,
  evidence: Evidence,
) {
  expect(c.headline).toEqual({ check: 'metrics', cause, summary });
  expect(c.checks.find(x => x.id === 'metrics')!.evidence[0]).toEqual(evidence);
}

describe('the metrics check names its cause from what ops Prometheus holds', () => {
  it('honor_labels missing, from the job config: degraded although the series arrive', () => {
    const c = triage(withFederateJob({ honorLabels: false }));
    expect(c.state).toBe('degraded');
    expectMetricsCause(
      c,
      'honor-labels-missing',
      'federate-blue lacks honor_labels: true: blue\'s series arrive with job="federate-blue" and exported_job, so dashboards and alerts selecting the leaf\'s job see nothing from blue.',
      {
        label: 'honor_labels',
        value: "not set on federate-blue in ops Prometheus' configuration",
      },
    );
    expect(c.remediation?.summary).toMatch(
      /^Set honor_labels: true on federate-blue/,
    );
    expect(c.remediation?.file).toBe(repositoryLayout('blue').scrapeConfigs);
  });

  it('honor_labels missing, from renamed series alone (the config unread)', () => {
    const c = triage(
      opsFacts({
        scrapeJobs: { ok: false, reason: 'ops Prometheus config: timeout' },
        renamedSeries: { blue: 40 },
      }),
    );
    expect(c.headline?.cause).toBe('honor-labels-missing');
    expect(c.checks.find(x => x.id === 'metrics')!.evidence[0]).toEqual({
      label: 'Renamed series',
      value: '40 with exported_job (job is federate-blue)',
    });
  });

  it("the leaf's application target down: ops holds its federated up == 0", () => {
    const c = triage(stale({ leafTargetsDown: { blue: ['shop'] } }));
    expect(c.state).toBe('degraded');
    expectMetricsCause(
      c,
      'application-target-down',
      'The leaf Prometheus of blue cannot scrape shop: federation works, the application target is down on the leaf.',
      {
        label: 'Leaf targets down',
        value: 'up{source_cluster="blue", job="shop"} == 0',
      },
    );
    expect(c.remediation?.commands?.[0]).toBe(
      'kubectl get pods -A --context=blue | grep -v Running',
    );
  });

  it('match[] selecting nothing: the job scrapes no samples', () => {
    const c = triage(
      withFederateJob(
        { match: ['{__name__="http_requets_total"}'] },
        {
          series: { ok: true, value: {} },
          samplesScraped: { 'federate-blue': 0 },
        },
      ),
    );
    expect(c.state).toBe('degraded');
    expectMetricsCause(
      c,
      'selector-selects-nothing',
      "federate-blue's match[] selects nothing on blue: its scrapes return no samples.",
      { label: 'match[]', value: '{__name__="http_requets_total"}' },
    );
  });

  it('the wrong path: the scrape URL ends in /metrics', () => {
    const c = triage(
      opsFacts({
        series: { ok: true, value: {} },
        targets: [
          target({
            scrapeUrl: 'https://prometheus-blue.example.com:443/metrics',
          }),
        ],
      }),
    );
    expect(c.headline).toEqual({
      check: 'metrics',
      cause: 'wrong-metrics-path',
      summary:
        "federate-blue scrapes /metrics, not /federate: ops Prometheus gets the leaf Prometheus' own metrics, none of blue's applications.",
    });
    expect(c.remediation?.summary).toBe(
      "Set metrics_path: /federate on federate-blue; /metrics is the leaf Prometheus' own metrics.",
    );
  });

  it('blames nothing while a reloaded job keeps its old scrape: its first new one is overdue', () => {
    // Scraped every 30s, last 45s ago: ops Prometheus reloaded the job and has not scraped it since.
    const c = triage(
      stale({
        targets: [target({ lastScrape: iso(-45) })],
        samplesScraped: { 'federate-blue': 1200 },
      }),
    );
    expect(c.checks.find(x => x.id === 'metrics')).toMatchObject({
      result: 'unknown',
      summary:
        "federate-blue has not been scraped for 45s: a reloaded job's first scrape is pending, and the metrics are judged after it.",
    });
    expect([c.state, c.headline]).toEqual(['healthy', undefined]);
  });

  it('keeps the generic sentence when ops holds nothing that tells the cause', () => {
    expect(triage(stale()).headline).toMatchObject({
      check: 'metrics',
      summary: expect.stringMatching(/^No new http samples from blue for 5m/),
    });
    expect(triage(stale()).headline?.cause).toBeUndefined();
  });
});

describe('a login page in front of /federate', () => {
  it('headlines the redirect the probe saw, not the parser error, with the error as evidence', () => {
    const lastError = '"INVALID" is not a valid start token';
    const facts = healthyFacts();
    facts.probe = {
      ok: true,
      value: {
        status: 302,
        location: 'https://sso.example.com/login?rd=%2Ffederate',
        contentType: 'text/html',
        textFormat: false,
        durationMs: 12,
      },
    };
    const c = triage(
      opsFacts({ targets: [target({ health: 'down', lastError })] }),
      facts,
    );
    expect(c.state).toBe('down');
    expect(c.headline).toMatchObject({
      check: 'target',
      cause: 'login-redirect',
      summary:
        'federate-blue is down: /federate redirects to a login page (https://sso.example.com/login), and Prometheus cannot read the HTML it gets',
      probe: {
        result: 'fail',
        summary: expect.stringContaining(
          'HTTP 302 redirect to https://sso.example.com/login',
        ),
      },
    });
    const targetCheck = c.checks.find(x => x.id === 'target')!;
    expect(targetCheck.evidence).toEqual(
      expect.arrayContaining([
        { label: 'Last error', value: lastError },
        {
          label: 'Probe saw',
          value: 'HTTP 302 Location: https://sso.example.com/login',
        },
      ]),
    );
    expect(c.remediation?.summary).toMatch(/auth proxy .* login page/);
  });

  it('without a redirect seen, the parser error reads as an answer that is not Prometheus', () => {
    const c = triage(
      opsFacts({
        targets: [
          target({
            health: 'down',
            lastError: '"INVALID" is not a valid start token',
          }),
        ],
      }),
    );
    expect(c.headline).toMatchObject({
      cause: 'invalid-content-type',
      summary: 'federate-blue is down: not Prometheus text format',
    });
  });
});
