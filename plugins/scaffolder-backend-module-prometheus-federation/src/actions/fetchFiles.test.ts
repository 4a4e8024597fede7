import { createFetchFilesAction, fileUrl } from './fetchFiles';
import { fixtureRepo, removeFixtureRepos } from '../__testUtils__/fixtureRepo';
import { fakeReader } from '../__testUtils__/fakeReader';
import { runAction } from '../__testUtils__/runAction';

const REPO = 'github.com?owner=acme&repo=infrastructure';

describe('prometheus-federation:fetch:files', () => {
  afterEach(removeFixtureRepos);

  it('builds GitHub and GitLab file URLs', () => {
    expect(fileUrl(REPO, 'main', 'a/b.yaml')).toBe(
      'https://github.com/acme/infrastructure/blob/main/a/b.yaml',
    );
    expect(fileUrl('gitlab.com?owner=g&repo=r', 'dev', 'x')).toBe(
      'https://gitlab.com/g/r/-/blob/dev/x',
    );
  });

  it("fails on a missing required file, and passes the user's token", async () => {
    const { reader, tokens } = fakeReader({});
    await expect(
      runAction(
        createFetchFilesAction({ reader }),
        fixtureRepo('federation-setup'),
        {
          repoUrl: REPO,
          branch: 'main',
          files: ['missing.tf'],
          token: 'user-token',
        },
      ),
    ).rejects.toThrow('not found');
    expect(tokens).toEqual(['user-token']);
  });

  it('refuses paths outside the workspace and odd branches', async () => {
    const { reader } = fakeReader({});
    const ws = fixtureRepo('federation-setup');
    const action = createFetchFilesAction({ reader });
    await expect(
      runAction(action, ws, { repoUrl: REPO, branch: 'main', files: ['../x'] }),
    ).rejects.toThrow('Invalid file');
    await expect(
      runAction(action, ws, { repoUrl: REPO, branch: 'a b', files: [] }),
    ).rejects.toThrow('Invalid branch');
  });
});
