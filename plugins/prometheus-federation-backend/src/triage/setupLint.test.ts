import { setupLint } from './setupLint';
import {
  NOW,
  opsFacts,
  options,
  target,
} from '../__testUtils__/triageFixtures';

describe('setupLint', () => {
  it('finds the latency alert that cannot fire, insecure_skip_verify and doubled replicas', () => {
    const warnings = setupLint(
      opsFacts({
        rules: {
          ok: true,
          value: [
            {
              group: 'federation',
              name: 'PrometheusFederationHighLatency',
              query: 'scrape_duration_seconds{job=~"federate-.*"} > 120',
              health: 'ok',
            },
          ],
        },
        scrapeJobs: {
          ok: true,
          value: [{ jobName: 'federate-blue', insecureSkipVerify: true }],
        },
        replicaSamples: { blue: { '': NOW - 5, 'prometheus-1': NOW - 6 } },
      }),
      options,
      NOW,
    );
    expect(warnings.map(w => [w.id, w.cluster])).toEqual([
      ['latency-alert-cannot-fire', undefined],
      ['insecure-skip-verify', 'blue'],
      ['replica-label-doubles-series', 'blue'],
    ]);
    expect(warnings[0].message).toContain(
      '> 120, but the federate scrape timeout is 10s',
    );
  });

  it('accepts a latency alert that compares with the timeout, and reports configured clusters without a job', () => {
    const warnings = setupLint(
      opsFacts({
        targets: [],
        rules: {
          ok: true,
          value: [
            {
              group: 'federation',
              name: 'PrometheusFederationHighLatency',
              query: 'scrape_duration_seconds > 0.8 * scrape_timeout_seconds',
              health: 'ok',
            },
          ],
        },
      }),
      options,
      NOW,
    );
    expect(warnings.map(w => w.id)).toEqual(['federate-job-missing']);
  });

  const ids = (warnings: ReturnType<typeof setupLint>) =>
    warnings.map(w => [w.id, w.cluster]);

  /** The scrape config of a federate-blue job with these match[] selectors. */
  const matching = (match: string[]) => ({
    ok: true as const,
    value: [{ jobName: 'federate-blue', insecureSkipVerify: false, match }],
  });

  it('warns on a match-all federate selector, with its cost for the cluster and what to do instead', () => {
    for (const selector of [
      '{__name__=~".+"}',
      '{__name__=~".*"}',
      '{__name__!=""}',
      '{ __name__ =~ ".+" , job=~".*" }',
    ]) {
      const warnings = setupLint(
        opsFacts({
          scrapeJobs: matching([selector]),
          samplesScraped: { 'federate-blue': 48210 },
          seriesAdded: { 'federate-blue': 12 },
        }),
        options,
        NOW,
      );
      expect(ids(warnings)).toEqual([['match-all-federate-selector', 'blue']]);
      expect(warnings[0].message).toContain(
        '48210 series (one sample each) every 30s scrape, 12 new in the last one',
      );
      expect(warnings[0].remediation).toContain('{__name__=~"job:.*"}');
      expect(warnings[0].costPath).toBe('/clusters/blue/cost');
    }
    const narrow = setupLint(
      opsFacts({
        scrapeJobs: matching([
          '{__name__=~"http_.+"}',
          '{job=~".+",__name__="up"}',
        ]),
      }),
      options,
      NOW,
    );
    expect(narrow).toEqual([]);
  });

  it('warns on alert rules that list clusters by name and miss a federated one', () => {
    const rule = (name: string, query: string) => ({
      group: 'federation',
      name,
      query,
      health: 'ok',
    });
    const green = target({
      job: 'federate-green',
      labels: { job: 'federate-green', source_cluster: 'green' },
    });
    const warnings = setupLint(
      opsFacts({
        targets: [target(), green],
        rules: {
          ok: true,
          value: [
            rule(
              'PrometheusFederationNoMetrics',
              'absent_over_time(http_requests_total{source_cluster=~"blue|orange"}[10m])',
            ),
            rule('Down', 'up{job=~"federate-blue|federate-green"} == 0'),
            rule('AllDown', 'up{job=~"federate-.*"} == 0'),
          ],
        },
      }),
      options,
      NOW,
    );
    expect(ids(warnings)).toEqual([['alert-rule-misses-cluster', 'green']]);
    expect(warnings[0].message).toBe(
      'Alert rule PrometheusFederationNoMetrics lists clusters by name (blue, orange) and not green: it never fires for green.',
    );
  });

  it('warns on a scrape timeout at or above the interval, and on two jobs with one source_cluster', () => {
    const twin = target({
      job: 'federate-blue-old',
      labels: { job: 'federate-blue-old', source_cluster: 'blue' },
    });
    const warnings = setupLint(
      opsFacts({
        targets: [target({ scrapeTimeout: '30s' }), twin],
      }),
      options,
      NOW,
    );
    expect(ids(warnings)).toEqual([
      ['scrape-timeout-not-below-interval', 'blue'],
      ['duplicate-source-cluster', 'blue'],
    ]);
    expect(warnings[1].message).toContain('federate-blue, federate-blue-old');
  });

  it('does not count a replica whose series stopped arriving as doubling', () => {
    const warnings = setupLint(
      opsFacts({
        replicaSamples: { blue: { '': NOW - 5, 'prometheus-1': NOW - 600 } },
      }),
      options,
      NOW,
    );
    expect(warnings).toEqual([]);
  });
});
