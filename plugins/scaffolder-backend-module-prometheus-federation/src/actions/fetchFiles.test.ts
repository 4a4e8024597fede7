import fs from 'node:fs';
import path from 'node:path';
import {
  createFetchFilesAction,
  fileUrl,
  inFolders,
  treeUrl,
} from './fetchFiles';
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

  it('builds GitHub and GitLab tree URLs', () => {
    expect(treeUrl(REPO, 'main')).toBe(
      'https://github.com/acme/infrastructure/tree/main',
    );
    expect(treeUrl('gitlab.com?owner=g&repo=r', 'dev')).toBe(
      'https://gitlab.com/g/r/-/tree/dev',
    );
  });

  it('keeps the paths in the folders, and the folders above them', () => {
    const folders = ['argocd/applications', 'terraform'];
    expect(inFolders(folders, 'terraform/a.tf')).toBe(true);
    expect(inFolders(folders, 'argocd/applications/x/y.yaml')).toBe(true);
    expect(inFolders(folders, 'argocd/')).toBe(true);
    expect(inFolders(folders, 'argocd/other.yaml')).toBe(false);
    expect(inFolders(folders, 'terraform-old/a.tf')).toBe(false);
    expect(inFolders(['.'], 'anything/at/all')).toBe(true);
  });

  it("fetches the whole repository with the user's token, also in a dry run", async () => {
    const { reader, tokens } = fakeReader(
      {},
      {
        [treeUrl(REPO, 'main')]: {
          'terraform/modules.tf': 'module',
          'README.md': 'readme',
        },
      },
    );
    const ws = fixtureRepo('federation-setup');
    await runAction(
      createFetchFilesAction({ reader }),
      ws,
      {
        repoUrl: REPO,
        branch: 'main',
        targetPath: 'repo',
        folders: ['.'],
        token: 't',
      },
      true,
    );
    expect(fs.readFileSync(path.join(ws, 'repo/README.md'), 'utf8')).toBe(
      'readme',
    );
    expect(
      fs.readFileSync(path.join(ws, 'repo/terraform/modules.tf'), 'utf8'),
    ).toBe('module');
    expect(tokens).toEqual(['t']);
  });

  it.each(['../x', '/etc', 'a//b', ''])(
    'refuses the folder "%s" before reading anything',
    async folder => {
      const { reader, tokens } = fakeReader({}, {});
      await expect(
        runAction(
          createFetchFilesAction({ reader }),
          fixtureRepo('federation-setup'),
          { repoUrl: REPO, branch: 'main', folders: [folder] },
        ),
      ).rejects.toThrow('folders');
      expect(tokens).toEqual([]);
    },
  );

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
