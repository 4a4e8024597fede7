import fs from 'node:fs';
import path from 'node:path';
import { narrowScrapeJob } from './narrowScrapeJob';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';
import { promtoolCheckScrapeConfigs } from '../__testUtils__/checks';

const fixture = (name: string) =>
  fs.readFileSync(
    path.join(
      __dirname,
      '../__fixtures__',
      name,
      'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml',
    ),
    'utf8',
  );

const NARROW = [
  '{__name__=~"http_request_duration_seconds_bucket|http_requests_total|up"}',
];

describe('narrowScrapeJob', () => {
  it.each(['federation-setup', 'block-string', 'comments-everywhere'])(
    'rewrites only the match[] lines of the job in %s, idempotently, promtool-valid',
    async name => {
      const before = fixture(name);
      const result = narrowScrapeJob(before, 'federate-blue', NARROW);
      expect(result.status).toBe('added');
      const jobs = readScrapeJobs(result.content);
      expect(
        jobs.find(j => j.job_name === 'federate-blue').params['match[]'],
      ).toEqual(NARROW);
      // Every other job as it was; only the list's lines changed.
      const others = readScrapeJobs(before).filter(
        j => j.job_name !== 'federate-blue',
      );
      expect(jobs.filter(j => j.job_name !== 'federate-blue')).toEqual(others);
      const removed = before
        .split('\n')
        .filter(l => !result.content.split('\n').includes(l));
      expect(removed.every(l => l.includes('{__name__=~".+"}'))).toBe(true);
      expect(narrowScrapeJob(result.content, 'federate-blue', NARROW)).toEqual({
        content: result.content,
        status: 'unchanged',
      });
      await promtoolCheckScrapeConfigs(jobs);
    },
  );

  it('escapes {{ for tpl and keeps comments between the items', () => {
    const values = [
      'prometheus:',
      '  prometheusSpec:',
      '    additionalScrapeConfigs:',
      '      - job_name: federate-blue',
      '        params:',
      "          'match[]':",
      '            # everything, for now',
      '            - "{__name__=~\\".+\\"}"',
      '            # and the rest',
      '            - "{job=\\"x\\"}"',
      '        static_configs: []',
      '',
    ].join('\n');
    const result = narrowScrapeJob(values, 'federate-blue', [
      '{a="{{x}}"}',
      'up',
    ]);
    expect(result.content).toBe(
      [
        'prometheus:',
        '  prometheusSpec:',
        '    additionalScrapeConfigs:',
        '      - job_name: federate-blue',
        '        params:',
        "          'match[]':",
        '            # everything, for now',
        '            # and the rest',
        '            - "{a=\\"{{ \\"{{\\" }}x}}\\"}"',
        '            - "up"',
        '        static_configs: []',
        '',
      ].join('\n'),
    );
  });

  it('rewrites a flow list in place', () => {
    const values =
      "prometheus:\n  prometheusSpec:\n    additionalScrapeConfigs:\n      - job_name: federate-blue\n        params: {'match[]': ['{__name__=~\".+\"}']}\n";
    expect(narrowScrapeJob(values, 'federate-blue', ['up', 'x']).content).toBe(
      "prometheus:\n  prometheusSpec:\n    additionalScrapeConfigs:\n      - job_name: federate-blue\n        params: {'match[]': ['up', 'x']}\n",
    );
  });

  it('names what is missing', () => {
    expect(() =>
      narrowScrapeJob(fixture('federation-setup'), 'federate-purple', NARROW),
    ).toThrow('No scrape job federate-purple');
  });
});
