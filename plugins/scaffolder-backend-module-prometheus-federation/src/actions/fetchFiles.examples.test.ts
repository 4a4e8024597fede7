import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createFetchFilesAction, fileUrl, treeUrl } from './fetchFiles';
import { examples } from './fetchFiles.examples';
import { fixtureRepo, removeFixtureRepos } from '../__testUtils__/fixtureRepo';
import { fakeReader } from '../__testUtils__/fakeReader';
import { runAction } from '../__testUtils__/runAction';

const inputOf = (i: number) => yaml.parse(examples[i].example).steps[0].input;
const read = (workspace: string, file: string) =>
  fs.readFileSync(path.join(workspace, 'repo', file), 'utf8');

describe('prometheus-federation:fetch:files examples', () => {
  afterEach(removeFixtureRepos);

  it('runs: named files, the optional ones when they exist', async () => {
    const input = inputOf(0);
    const { reader } = fakeReader({
      [fileUrl(input.repoUrl, input.branch, input.files[0])]: 'tf',
      [fileUrl(input.repoUrl, input.branch, input.optionalFiles[1])]: 'x',
    });
    const workspace = fixtureRepo('federation-setup');
    const { outputs } = await runAction(
      createFetchFilesAction({ reader }),
      workspace,
      input,
    );
    expect(outputs.found).toEqual([input.optionalFiles[1]]);
    expect(outputs.missing).toEqual([input.optionalFiles[0]]);
    expect(read(workspace, input.files[0])).toBe('tf');
  });

  it('runs: the federation folders whole, nothing outside them', async () => {
    const input = inputOf(1);
    const { reader } = fakeReader(
      {},
      {
        [treeUrl(input.repoUrl, input.branch)]: {
          'argocd/scrapeconfigs/blue.yaml': 'kind: ScrapeConfig',
          'terraform/modules.tf': 'module "blue" {}',
          'catalog/clusters/blue.yaml': 'kind: Resource',
          'docs/readme.md': 'not fetched',
        },
      },
    );
    const workspace = fixtureRepo('federation-setup');
    await runAction(createFetchFilesAction({ reader }), workspace, input);
    expect(read(workspace, 'argocd/scrapeconfigs/blue.yaml')).toBe(
      'kind: ScrapeConfig',
    );
    expect(read(workspace, 'terraform/modules.tf')).toBe('module "blue" {}');
    expect(read(workspace, 'catalog/clusters/blue.yaml')).toBe(
      'kind: Resource',
    );
    expect(fs.existsSync(path.join(workspace, 'repo', 'docs'))).toBe(false);
  });

  it('has one test per example', () => {
    expect(examples).toHaveLength(2);
  });
});
