import { buildFederateJob } from '@promfed/plugin-prometheus-federation-common';
import { addScrapeJob } from './scrapeJobs';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';

const job = buildFederateJob({
  cluster: 'purple',
  host: 'prometheus-purple.example.io',
});
const app = (helm: string) =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  source:\n    chart: kube-prometheus-stack\n    helm:\n${helm}`;

describe('addScrapeJob', () => {
  it('refuses block strings it cannot edit line for line, with the fix', () => {
    expect(() =>
      addScrapeJob(
        app(
          '      values: |-\n        prometheus:\n          prometheusSpec: {}\n',
        ),
        job,
      ),
    ).toThrow('write it as "values: |"');
    expect(() => addScrapeJob(app('      values: |\n\n'), job)).toThrow(
      'helm.values is an empty string',
    );
  });

  it('fills an empty flow list', () => {
    const result = addScrapeJob(
      app(
        '      valuesObject:\n        prometheus:\n          prometheusSpec:\n            additionalScrapeConfigs: []\n',
      ),
      job,
    );
    expect(result.status).toBe('added');
    expect(readScrapeJobs(result.content)).toEqual([job]);
  });

  it('creates the list when the values have none', () => {
    const result = addScrapeJob(
      app('      valuesObject:\n        grafana:\n          enabled: false\n'),
      job,
    );
    expect(readScrapeJobs(result.content)).toEqual([job]);
    expect(result.content).toContain(
      '        grafana:\n          enabled: false\n',
    );
  });

  it('edits a plain values file too', () => {
    const result = addScrapeJob(
      'prometheus:\n  prometheusSpec:\n    additionalScrapeConfigs:\n      - job_name: a\n',
      job,
    );
    expect(readScrapeJobs(result.content).map(j => j.job_name)).toEqual([
      'a',
      'federate-purple',
    ]);
  });

  it('adds to a file that ends without a newline', () => {
    const result = addScrapeJob(
      'prometheus:\n  prometheusSpec:\n    additionalScrapeConfigs:\n      - job_name: a',
      job,
    );
    expect(readScrapeJobs(result.content).map(j => j.job_name)).toEqual([
      'a',
      'federate-purple',
    ]);
  });

  it('refuses folded values and non-list scrape configs', () => {
    expect(() =>
      addScrapeJob(app('      values: >\n        prometheus: {}\n'), job),
    ).toThrow('literal block string');
    expect(() =>
      addScrapeJob(
        'prometheus:\n  prometheusSpec:\n    additionalScrapeConfigs: "{{ .Values.x }}"\n',
        job,
      ),
    ).toThrow('is not a list of scrape configs');
    expect(() => addScrapeJob('kind: Application\nspec: {}\n', job)).toThrow(
      'No spec.source.helm',
    );
  });
});
