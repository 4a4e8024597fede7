import { setupLint } from './setupLint';
import { opsFacts, options } from '../__testUtils__/triageFixtures';

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
        replicas: { blue: 2 },
      }),
      options,
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
    );
    expect(warnings.map(w => w.id)).toEqual(['federate-job-missing']);
  });
});
