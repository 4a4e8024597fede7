import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from './addCluster';
import { createRemoveClusterAction } from './removeCluster';
import {
  fixtureRepo,
  FixtureVariant,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';

const paths = repositoryLayout('purple');
const add = (repo: string, input: Record<string, unknown> = {}) =>
  runAction(createAddClusterAction(), repo, input);
const remove = (
  repo: string,
  input: Record<string, unknown> = {},
  dry = false,
) => runAction(createRemoveClusterAction(), repo, input, dry);

const VARIANTS: FixtureVariant[] = [
  'federation-setup',
  'block-string',
  'comments-everywhere',
  'vpc-rule-style',
  'alert-rule-forms',
  'terraform-locals',
  'terraform-variables',
];

describe('prometheus-federation:cluster:remove', () => {
  afterEach(removeFixtureRepos);

  it.each(VARIANTS)(
    'restores the %s repository byte for byte after add',
    async variant => {
      const repo = fixtureRepo(variant);
      const before = readTree(repo);
      await add(repo, { catalogOwner: 'group:default/platform' });
      expect(readTree(repo)).not.toEqual(before);

      const { outputs } = await remove(repo);
      expect(outputs.changed).toBe(true);
      expect(outputs.deletedFiles).toEqual([
        paths.ingress,
        paths.catalogEntity,
      ]);
      expect(readTree(repo)).toEqual(before);

      // Idempotent: a second run changes nothing.
      const second = await remove(repo);
      expect(second.outputs.changed).toBe(false);
      expect(second.outputs.diff).toBe('');
      expect(readTree(repo)).toEqual(before);
    },
  );

  it('removes an existing cluster from every file, keeping the rest', async () => {
    const repo = fixtureRepo('federation-setup');
    const { outputs } = await remove(repo, { cluster: 'green' });
    const after = readTree(repo);
    const green = repositoryLayout('green');
    expect(after[green.ingress]).toBeUndefined();
    expect(after[green.terraform]).not.toContain('green"');
    expect(after[green.scrapeConfigs]).not.toContain('federate-green');
    expect(after[green.alertRules]).toContain('source_cluster=~"blue"');
    expect(outputs.changedFiles).toEqual([
      green.terraform,
      green.scrapeConfigs,
      green.alertRules,
    ]);
    expect(outputs.body).toContain('terraform apply');
    expect(outputs.body).toContain('PrometheusFederationDown');
    expect(outputs.body).toContain('source_cluster="green"');
    expect(outputs.body).toContain(
      '  - no longer list `green`: `PrometheusFederationNoMetrics`, `PrometheusFederationHighLatency`',
    );
  });

  it('names the rules it cannot update and warns they will fire', async () => {
    const repo = fixtureRepo('alert-rule-forms');
    const { outputs } = await remove(repo, { cluster: 'blue' });
    expect(outputs.body).toContain(
      '**not updated, edit by hand**: `BlueCanaryDown`',
    );
    expect(outputs.body).toContain('still name it and will fire');
  });

  it('supports dry run: the diff of every file, nothing written', async () => {
    const repo = fixtureRepo('federation-setup');
    const before = readTree(repo);
    const { outputs } = await remove(repo, { cluster: 'green' }, true);
    expect(readTree(repo)).toEqual(before);
    expect(outputs.diff).toContain(
      `--- a/${repositoryLayout('green').ingress}\n+++ /dev/null\n`,
    );
    expect(outputs.diff).toContain(
      "-              - job_name: 'federate-green'",
    );
  });

  it('rejects bad input, writing nothing', async () => {
    const repo = fixtureRepo('federation-setup');
    const before = readTree(repo);
    await expect(remove(repo, { cluster: 'Green' })).rejects.toThrow(
      'Invalid cluster "Green"',
    );
    await expect(remove(repo, { cluster: 'ops' })).rejects.toThrow(
      'not a federated leaf',
    );
    expect(readTree(repo)).toEqual(before);
  });
});
