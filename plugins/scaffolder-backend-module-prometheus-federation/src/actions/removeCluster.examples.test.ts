import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { createRemoveClusterAction } from './removeCluster';
import { examples } from './removeCluster.examples';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';
import {
  parseTerraform,
  promtoolCheckRules,
  promtoolCheckScrapeConfigs,
} from '../__testUtils__/checks';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';

const paths = repositoryLayout('green');

describe('prometheus-federation:cluster:remove examples', () => {
  afterEach(removeFixtureRepos);

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe('prometheus-federation:cluster:remove');
      const workspace = fixtureRepo('federation-setup');
      let repo = workspace;
      if (step.input.repoPath) {
        repo = path.join(workspace, step.input.repoPath);
        const files = readTree(workspace);
        for (const [file, content] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(repo, file)), {
            recursive: true,
          });
          fs.writeFileSync(path.join(repo, file), content);
        }
      }
      const { outputs } = await runAction(
        createRemoveClusterAction(),
        workspace,
        step.input,
      );
      expect(outputs.deletedFiles).toEqual([paths.ingress]);
      const files = readTree(repo);
      expect(files[paths.ingress]).toBeUndefined();
      const jobs = readScrapeJobs(files[paths.scrapeConfigs]);
      expect(jobs.map((j: any) => j.job_name)).toEqual(['federate-blue']);
      await promtoolCheckScrapeConfigs(jobs);
      await promtoolCheckRules(files[paths.alertRules]);
      const hcl = await parseTerraform(files[paths.terraform]);
      expect(Object.keys(hcl.resource.aws_security_group_rule)).toEqual([
        'ops_to_blue_prometheus',
      ]);
    },
  );
});
