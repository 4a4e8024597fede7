import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  ONBOARDING_PR_ANNOTATION,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { fixtureRepo, removeFixtureRepos } from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';
import { createAddClusterAction } from './addCluster';
import { createLinkOnboardingAction } from './linkOnboarding';
import { examples } from './linkOnboarding.examples';

const URL1 = 'https://github.com/acme/infrastructure/pull/12';
const entityPath = repositoryLayout('purple').catalogEntity;
const link = (workspace: string, input: Record<string, unknown>, dry = false) =>
  runAction(
    createLinkOnboardingAction(),
    workspace,
    { pullRequestUrl: URL1, ...input },
    dry,
  );

/** A fixture repository in `<workspace>/repo` with purple added by the add action, catalog file included. */
async function addedPurple(): Promise<string> {
  const workspace = fixtureRepo('federation-setup');
  fs.renameSync(workspace, `${workspace}-repo`);
  fs.mkdirSync(workspace);
  fs.renameSync(`${workspace}-repo`, path.join(workspace, 'repo'));
  await runAction(createAddClusterAction(), workspace, {
    repoPath: 'repo',
    region: 'eu-west-1',
    catalogOwner: 'group:default/platform',
  });
  return workspace;
}

describe('prometheus-federation:onboarding:link', () => {
  afterEach(removeFixtureRepos);

  it('links the pull request on the entity the add action wrote, then does nothing the second time', async () => {
    const workspace = await addedPurple();
    const file = path.join(workspace, 'repo', entityPath);
    const before = fs.readFileSync(file, 'utf8');
    const { outputs } = await link(workspace, { repoPath: 'repo' });
    expect(outputs).toEqual({ changed: true, path: entityPath });
    const after = fs.readFileSync(file, 'utf8');
    expect(
      yaml.parse(after).metadata.annotations[ONBOARDING_PR_ANNOTATION],
    ).toBe(URL1);
    expect(
      after.replace(`    ${ONBOARDING_PR_ANNOTATION}: ${URL1}\n`, ''),
    ).toBe(before);

    const again = await link(workspace, { repoPath: 'repo' });
    expect(again.outputs.changed).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(after);
  });

  it('writes nothing in a dry run', async () => {
    const workspace = await addedPurple();
    const file = path.join(workspace, 'repo', entityPath);
    const before = fs.readFileSync(file, 'utf8');
    const { outputs } = await link(workspace, { repoPath: 'repo' }, true);
    expect(outputs.changed).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('names the field: a missing catalog file, a file that is not the cluster, a bad link, a path outside', async () => {
    const workspace = fixtureRepo('federation-setup');
    await expect(link(workspace, {})).rejects.toThrow(
      `catalogEntityPath ${entityPath} is not in the workspace folder .: the add step writes it only with catalogOwner set`,
    );
    fs.mkdirSync(path.join(workspace, 'catalog/clusters'), { recursive: true });
    fs.writeFileSync(path.join(workspace, entityPath), 'kind: Component\n');
    await expect(link(workspace, {})).rejects.toThrow(
      `${entityPath}: The catalog entity is not cluster purple's Resource: kind is "Component"`,
    );
    await expect(
      link(workspace, { pullRequestUrl: 'pull/12' }),
    ).rejects.toThrow(/Invalid pullRequestUrl "pull\/12"/);
    await expect(
      link(workspace, { catalogEntityPath: '../x.yaml' }),
    ).rejects.toThrow(/Invalid catalogEntityPath/);
    await expect(link(workspace, { cluster: 'Purple' })).rejects.toThrow(
      /Invalid cluster/,
    );
  });

  it.each(examples.map(e => [e.description, e] as const))(
    'runs the example: %s',
    async (_d, example) => {
      const { input } = yaml.parse(example.example).steps[0];
      const workspace = await addedPurple();
      const root = path.join(workspace, input.repoPath ?? '.');
      const file = input.catalogEntityPath ?? entityPath;
      if (input.catalogEntityPath) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.copyFileSync(
          path.join(workspace, 'repo', entityPath),
          path.join(root, file),
        );
      }
      const { outputs } = await link(workspace, input);
      expect(outputs).toEqual({ changed: true, path: file });
      expect(
        yaml.parse(fs.readFileSync(path.join(root, file), 'utf8')).metadata
          .annotations[ONBOARDING_PR_ANNOTATION],
      ).toBe(input.pullRequestUrl);
    },
  );
});
