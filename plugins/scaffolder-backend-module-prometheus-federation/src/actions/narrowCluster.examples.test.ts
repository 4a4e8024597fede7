import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { createNarrowClusterAction } from './narrowCluster';
import { examples } from './narrowCluster.examples';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';
import { promtoolCheckScrapeConfigs } from '../__testUtils__/checks';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';

const paths = repositoryLayout('blue');

describe('prometheus-federation:cluster:narrow examples', () => {
  afterEach(removeFixtureRepos);

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe('prometheus-federation:cluster:narrow');
      const workspace = fixtureRepo('federation-setup');
      let repo = workspace;
      if (step.input.repoPath) {
        repo = path.join(workspace, step.input.repoPath);
        for (const [file, content] of Object.entries(readTree(workspace))) {
          fs.mkdirSync(path.dirname(path.join(repo, file)), {
            recursive: true,
          });
          fs.writeFileSync(path.join(repo, file), content);
        }
      }
      const { outputs } = await runAction(
        createNarrowClusterAction(),
        workspace,
        step.input,
      );
      expect(outputs.changedFiles).toEqual([paths.scrapeConfigs]);
      const jobs = readScrapeJobs(readTree(repo)[paths.scrapeConfigs]);
      expect(
        jobs.find(j => j.job_name === 'federate-blue').params['match[]'],
      ).toEqual(step.input.selectors);
      await promtoolCheckScrapeConfigs(jobs);
    },
  );
});
