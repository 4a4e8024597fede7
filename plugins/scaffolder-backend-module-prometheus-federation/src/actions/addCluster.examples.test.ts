import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { httpRoutePath } from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from './addCluster';
import { examples } from './addCluster.examples';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import {
  parseTerraform,
  promtoolCheckScrapeConfigs,
  validateHttpRoute,
  validateIngress,
} from '../__testUtils__/checks';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';

/**
 * A workspace for an example: the federation-setup fixture, moved under `repoPath` and to the
 * example's `paths` when it sets them.
 */
function workspaceFor(input: any): { workspace: string; repo: string } {
  const workspace = fixtureRepo('federation-setup');
  if (!input.repoPath) return { workspace, repo: workspace };
  const repo = path.join(workspace, input.repoPath);
  for (const [file, content] of Object.entries(readTree(workspace))) {
    let moved = file;
    if (file.endsWith('.tf') && input.paths?.terraform)
      moved = input.paths.terraform;
    if (
      file.endsWith('kube-prometheus-stack.yaml') &&
      input.paths?.scrapeConfigs
    ) {
      moved = input.paths.scrapeConfigs;
    }
    fs.mkdirSync(path.dirname(path.join(repo, moved)), { recursive: true });
    fs.writeFileSync(path.join(repo, moved), content);
  }
  return { workspace, repo };
}

describe('prometheus-federation:cluster:add examples', () => {
  afterEach(removeFixtureRepos);

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      expect(step.action).toBe('prometheus-federation:cluster:add');
      const { workspace, repo } = workspaceFor(step.input);
      const ctx = createMockActionContext({
        input: step.input,
        workspacePath: workspace,
      });
      await createAddClusterAction().handler(ctx as any);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(outputs.changed).toBe(true);

      const files = readTree(repo);
      const paths = {
        terraform: 'terraform/prometheus-federation-security.tf',
        scrapeConfigs:
          'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml',
        ...step.input.paths,
      };
      const jobs = readScrapeJobs(files[paths.scrapeConfigs]);
      expect(jobs.map((j: any) => j.job_name)).toContain('federate-purple');
      await promtoolCheckScrapeConfigs(jobs);
      const hcl = await parseTerraform(files[paths.terraform]);
      expect(
        hcl.resource.aws_security_group_rule.ops_to_purple_prometheus,
      ).toHaveLength(1);
      if (step.input.exposure === 'gateway') {
        validateHttpRoute(files[httpRoutePath('purple')]);
      } else {
        validateIngress(
          files[
            'argocd/applications/prod-purple/cluster-resources/prometheus-ingress.yaml'
          ],
        );
      }
      expect(outputs.changedFiles).toHaveLength(
        3 +
          (step.input.updateAlertRules === false ? 0 : 1) +
          (step.input.catalogOwner ? 1 : 0),
      );
    },
  );
});
