import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { createNarrowClusterAction } from './narrowCluster';
import {
  fixtureRepo,
  FixtureVariant,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';
import { promtoolCheckScrapeConfigs } from '../__testUtils__/checks';

const paths = repositoryLayout('blue');
const SELECTOR =
  '{__name__=~"http_request_duration_seconds_bucket|http_requests_total|up"}';
const narrow = (
  repo: string,
  input: Record<string, unknown> = {},
  dry = false,
) =>
  runAction(
    createNarrowClusterAction(),
    repo,
    { cluster: 'blue', selectors: [SELECTOR], ...input },
    dry,
  );

const VARIANTS: FixtureVariant[] = [
  'federation-setup',
  'block-string',
  'comments-everywhere',
];

describe('prometheus-federation:cluster:narrow', () => {
  afterEach(removeFixtureRepos);

  it.each(VARIANTS)(
    "rewrites blue's match[] in %s, idempotently",
    async variant => {
      const repo = fixtureRepo(variant);
      const before = readTree(repo);
      const { outputs } = await narrow(repo, {
        keptNames: [
          'up',
          'http_requests_total',
          'http_request_duration_seconds_bucket',
        ],
        savings: {
          seriesBefore: 1000,
          seriesAfter: 150,
          bytesBefore: 270000,
          bytesAfter: 40500,
        },
      });
      expect(outputs.changed).toBe(true);
      expect(outputs.changedFiles).toEqual([paths.scrapeConfigs]);
      const after = readTree(repo);
      // Only the scrape config changes.
      expect(Object.keys(after).filter(f => after[f] !== before[f])).toEqual([
        paths.scrapeConfigs,
      ]);
      const jobs = readScrapeJobs(after[paths.scrapeConfigs]);
      expect(
        jobs.find(j => j.job_name === 'federate-blue').params['match[]'],
      ).toEqual([SELECTOR]);
      await promtoolCheckScrapeConfigs(jobs);
      expect(outputs.body).toContain('| series | 1,000 | 150 | 85% |');
      expect(outputs.body).toContain('`http_requests_total`, `up`');

      const again = await narrow(repo);
      expect(again.outputs.changed).toBe(false);
      expect(readTree(repo)).toEqual(after);
    },
  );

  it('writes nothing in a dry run, and shows the diff', async () => {
    const repo = fixtureRepo('federation-setup');
    const before = readTree(repo);
    const { outputs } = await narrow(repo, {}, true);
    expect(outputs.diff).toContain(`+                    - '${SELECTOR}'`);
    expect(readTree(repo)).toEqual(before);
  });

  it.each([
    ['sum(rate(x[5m]))', 'one PromQL series selector'],
    ['{__name__=~"a"', 'one PromQL series selector'],
    ['{a="${b}"}', 'one PromQL series selector'],
  ])('refuses the selector %s', async (selector, message) => {
    const repo = fixtureRepo('federation-setup');
    await expect(narrow(repo, { selectors: [selector] })).rejects.toThrow(
      message,
    );
  });

  it('lists, per dashboard and rule, the names it reads', async () => {
    const repo = fixtureRepo('federation-setup');
    const { outputs } = await narrow(repo, {
      namesByOwner: [
        { owner: 'alert federation/Down', names: ['up'] },
        {
          owner: 'dashboard "Application Errors"',
          names: [
            'http_request_duration_seconds_bucket',
            'http_requests_total',
          ],
        },
      ],
    });
    expect(outputs.body).toContain(
      [
        '### Names kept, per dashboard and rule (2)',
        '- `alert federation/Down`: `up`',
        '- `dashboard "Application Errors"`: `http_request_duration_seconds_bucket`, `http_requests_total`',
      ].join('\n'),
    );
  });

  it.each([
    [
      [{ owner: 'dashboard "`x`"', names: ['up'] }],
      'namesByOwner[0].owner: give one line without backticks',
    ],
    [
      [{ owner: 'dashboard "A"\n@everyone', names: ['up'] }],
      'namesByOwner[0].owner: give one line without backticks',
    ],
    [
      [
        { owner: 'alert g/A', names: ['up'] },
        { owner: 'alert g/B', names: ['go_goroutines'] },
      ],
      'namesByOwner[1].names: the selectors do not keep "go_goroutines", which alert g/B reads',
    ],
    [
      [{ owner: 'alert g/A', names: ['up{job="x"}'] }],
      'Invalid namesByOwner[0].names entry "up{job="x"}": not a metric name',
    ],
    [[{ owner: 'alert g/A', names: [] }], 'namesByOwner[0].names: give'],
    [
      Array.from({ length: 2001 }, (_, i) => ({
        owner: `alert g/R${i}`,
        names: ['up'],
      })),
      'namesByOwner: 2001 dashboards and rules, at most 2000',
    ],
  ])(
    'refuses namesByOwner %#, naming the field',
    async (namesByOwner, message) => {
      const repo = fixtureRepo('federation-setup');
      const before = readTree(repo);
      await expect(narrow(repo, { namesByOwner })).rejects.toThrow(message);
      expect(readTree(repo)).toEqual(before);
    },
  );

  it('says the cluster must be federated first', async () => {
    const repo = fixtureRepo('federation-setup');
    await expect(narrow(repo, { cluster: 'purple' })).rejects.toThrow(
      'No scrape job federate-purple',
    );
  });
});
