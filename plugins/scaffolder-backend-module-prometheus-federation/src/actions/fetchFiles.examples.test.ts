import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { createFetchFilesAction, fileUrl } from './fetchFiles';
import { examples } from './fetchFiles.examples';
import { fixtureRepo, removeFixtureRepos } from '../__testUtils__/fixtureRepo';
import { fakeReader } from '../__testUtils__/fakeReader';
import { runAction } from '../__testUtils__/runAction';

describe('prometheus-federation:fetch:files examples', () => {
  afterEach(removeFixtureRepos);

  it.each(examples.map(e => [e.description, e] as const))(
    'runs: %s',
    async (_d, example) => {
      const step = yaml.parse(example.example).steps[0];
      const { input } = step;
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
      expect(
        fs.readFileSync(path.join(workspace, 'repo', input.files[0]), 'utf8'),
      ).toBe('tf');
    },
  );
});
