import { scrapeConfigPoolName } from '@promfed/plugin-prometheus-federation-common';
import { remediationFor } from './remediation';
import { setupLint } from './setupLint';
import {
  NOW,
  opsFacts,
  options,
  target,
} from '../__testUtils__/triageFixtures';

// A federate job defined by a Prometheus Operator ScrapeConfig: ops Prometheus runs it as the
// pool scrapeConfig/<namespace>/<name>, with `job` relabelled to spec.jobName.
const POOL = scrapeConfigPoolName('monitoring', 'federate-blue');

describe('a federate job from a ScrapeConfig', () => {
  const facts = (match: string[]) =>
    opsFacts({
      targets: [target({ scrapePool: POOL })],
      scrapeJobs: {
        ok: true,
        value: [{ jobName: POOL, insecureSkipVerify: true, match }],
      },
    });

  it('is found by its scrape pool: the job lint and the TLS lint name the ScrapeConfig', () => {
    const warnings = setupLint(facts(['{__name__=~".+"}']), options, NOW);
    const byId = Object.fromEntries(warnings.map(w => [w.id, w]));
    expect(byId['match-all-federate-selector'].cluster).toBe('blue');
    expect(byId['match-all-federate-selector'].remediation).toContain(
      `the ScrapeConfig monitoring/federate-blue (scrape pool ${POOL}`,
    );
    expect(byId['insecure-skip-verify'].message).toContain(
      'federate-blue sets',
    );
    expect(byId['insecure-skip-verify'].remediation).toContain(
      'the ScrapeConfig monitoring/federate-blue',
    );
  });

  it('is where the target remediations send the user, not the chart values file', () => {
    const latency = remediationFor('latency', {
      cluster: 'blue',
      scrapePool: POOL,
    });
    expect(latency.file).toBeUndefined();
    expect(latency.summary).toContain(
      'the ScrapeConfig monitoring/federate-blue',
    );
    const timeout = remediationFor(
      'target',
      { cluster: 'blue', scrapePool: POOL },
      'timeout',
    );
    expect(timeout.file).toBeUndefined();
    expect(timeout.summary).toContain(
      `Edit it in the ScrapeConfig monitoring/federate-blue`,
    );
    // A job of the chart values keeps its file.
    expect(remediationFor('latency', { cluster: 'blue' }).file).toBe(
      'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml',
    );
  });
});
