import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { LoopbackGitHub } from './loopbackGitHub';

describe('LoopbackGitHub', () => {
  let github: LoopbackGitHub;
  let base: string;
  let clock = new Date('2026-11-30T10:00:00Z');

  beforeEach(async () => {
    github = new LoopbackGitHub(
      'acme',
      'infra',
      { 'a.txt': 'a' },
      {
        now: () => clock,
      },
    );
    base = await github.start();
  });
  afterEach(() => github.stop());

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };

  /** A branch with one commit changing a.txt, as octokit-plugin-create-pull-request makes it. */
  const branch = async (name: string, content: string) => {
    const main = github.git.refs.get('heads/main')!;
    const { body: tree } = await call('POST', '/repos/acme/infra/git/trees', {
      base_tree: github.git.commits.get(main)!.tree,
      tree: [{ path: 'a.txt', content }],
    });
    const { body: commit } = await call(
      'POST',
      '/repos/acme/infra/git/commits',
      { tree: tree.sha, parents: [main], message: `a is ${content}` },
    );
    await call('POST', '/repos/acme/infra/git/refs', {
      ref: `refs/heads/${name}`,
      sha: commit.sha,
    });
  };

  const openPull = (head: string, title: string) =>
    call('POST', '/repos/acme/infra/pulls', {
      head,
      base: 'main',
      title,
      body: '',
    });

  it('answers one pull request as GitHub does: open, then closed with merged_at from its clock', async () => {
    clock = new Date('2026-11-30T10:00:00Z');
    await branch('change', 'b');
    const created = await openPull('acme:change', 'Change a');
    expect(created.status).toBe(201);
    const open = await call('GET', '/repos/acme/infra/pulls/1');
    expect(open.body).toMatchObject({
      number: 1,
      state: 'open',
      merged_at: null,
      created_at: '2026-11-30T10:00:00.000Z',
      html_url: 'https://github.com/acme/infra/pull/1',
      title: 'Change a',
    });

    clock = new Date('2026-11-30T10:05:00Z');
    github.merge(github.pulls[0]);
    const merged = await call('GET', '/repos/acme/infra/pulls/1');
    expect(merged.body).toMatchObject({
      state: 'closed',
      merged: true,
      merged_at: '2026-11-30T10:05:00.000Z',
    });
    expect(github.filesAt('main')).toEqual({ 'a.txt': 'b' });
    expect(github.commitMessages('main')).toEqual(['a is b', 'initial']);

    // Numbers are not reused once a pull request is merged.
    await branch('again', 'c');
    const next = await openPull('again', 'Again');
    expect(next.body.number).toBe(2);
    expect((await call('GET', '/repos/acme/infra/pulls/9')).status).toBe(404);
    expect(github.unknownRequests).toEqual([]);
  });

  it('refuses a merge that is not a fast-forward', async () => {
    await branch('one', 'b');
    await branch('two', 'c');
    for (const head of ['one', 'two']) await openPull(head, head);
    github.merge(github.pulls[0]);
    expect(() => github.merge(github.pulls[0])).toThrow(/fast-forward/);
  });

  it("serves what readTree reads: a branch's commit, the archive URL, the tarball under GitHub's top folder", async () => {
    await branch('feature/x', 'b');
    const head = github.git.refs.get('heads/feature/x')!;
    const status = await call(
      'GET',
      '/repos/acme/infra/commits/feature/x/status?per_page=0',
    );
    expect(status.body.sha).toBe(head);
    const archiveUrl = status.body.repository.archive_url
      .replace('{archive_format}', 'tarball')
      .replace('{/ref}', `/${head}`);
    expect(archiveUrl).toBe(`${base}/repos/acme/infra/tarball/${head}`);

    const res = await fetch(archiveUrl);
    expect(res.status).toBe(200);
    const entries: Record<string, string> = {};
    const parser = new tar.Parser();
    parser.on('entry', entry => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => {
        if (entry.type === 'File')
          entries[entry.path] = Buffer.concat(chunks).toString('utf8');
      });
    });
    await pipeline(Readable.from(Buffer.from(await res.arrayBuffer())), parser);
    expect(entries).toEqual({
      [`acme-infra-${head.slice(0, 7)}/a.txt`]: 'b',
    });

    expect(
      (await call('GET', '/repos/acme/infra/commits/nope/status')).status,
    ).toBe(404);
    expect(github.unknownRequests).toEqual([]);
  });
});
