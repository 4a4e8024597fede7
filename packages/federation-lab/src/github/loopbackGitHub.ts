import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AppAuth, LoopbackApp } from './appAuth';
import { GitObjects } from './gitObjects';
import { FakePullRequest, pullRequestJson } from './pullRequests';
import { tarball } from './tarball';

export type { FakePullRequest } from './pullRequests';
export type { LoopbackApp } from './appAuth';

/**
 * A loopback stand-in for the GitHub REST API: only the endpoints that `fetch:plain:file` and the
 * GitHub URL reader (contents, raw; for `readTree` the commit status and the tarball), `publish:github:pull-request` (octokit-plugin-create-pull-request:
 * repo, commits, blobs, trees, commits, refs, pulls, and its one GraphQL query; with
 * `update: true` on an existing branch too) and the onboarding tracker (one pull request; with a
 * GitHub App, the installation token first: appAuth.ts) call.
 * Anything else answers 404 and is recorded in `unknownRequests`.
 */
export class LoopbackGitHub {
  readonly git = new GitObjects();
  /** Open pull requests. */
  readonly pulls: FakePullRequest[] = [];
  /** Merged (or closed) pull requests. */
  readonly closed: FakePullRequest[] = [];
  readonly unknownRequests: string[] = [];
  readonly requests: string[] = [];
  /** The token each request carried (`Authorization: token ...`), in order. */
  readonly tokens: Array<string | undefined> = [];
  private server?: http.Server;
  private lastNumber = 0;
  private readonly now: () => Date;
  /** With a GitHub App: its installation on the owner, and the tokens it handed out. */
  readonly app?: AppAuth;

  constructor(
    readonly owner: string,
    readonly repo: string,
    files: Record<string, string>,
    /**
     * `now`: the clock of created_at and merged_at (default the system's); `app`: a GitHub App
     * installed on the owner, which hands out installation tokens.
     */
    options: { now?: () => Date; app?: LoopbackApp } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    if (options.app) this.app = new AppAuth(options.app, owner);
    const tree = this.git.putTree(
      Object.fromEntries(
        Object.entries(files).map(([p, c]) => [p, this.git.putBlob(c)]),
      ),
    );
    this.git.refs.set(
      'heads/main',
      this.git.putCommit({ tree, parents: [], message: 'initial' }),
    );
  }

  /** The files of a branch, path to content. */
  filesAt(branch: string): Record<string, string> {
    return this.git.filesAt(branch);
  }

  /** The commit messages of a branch, newest first. */
  commitMessages(branch: string): string[] {
    return this.git.history(branch).map(c => c.message);
  }

  /** Merges a pull request (fast-forward only, as a linear history needs) and closes it. */
  merge(pr: FakePullRequest) {
    const head = this.git.refs.get(`heads/${pr.head}`)!;
    const base = this.git.refs.get(`heads/${pr.base}`);
    if (!this.git.history(pr.head).some(c => c.sha === base))
      throw new Error(
        `loopback GitHub: ${pr.head} is not ahead of ${pr.base}; only fast-forward merges`,
      );
    this.git.refs.set(`heads/${pr.base}`, head);
    this.git.refs.delete(`heads/${pr.head}`);
    pr.mergedAt = this.now().toISOString();
    this.closed.push(...this.pulls.splice(this.pulls.indexOf(pr), 1));
  }

  /** Listens on 127.0.0.1:`port` (a free one by default); returns the API's base URL. */
  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', chunk => (raw += chunk));
      req.on('end', () => {
        try {
          this.handle(req, raw ? JSON.parse(raw) : {}, res);
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }

  private pullJson(pr: FakePullRequest) {
    return pullRequestJson(pr, this, this.pulls.includes(pr));
  }

  private handle(
    req: http.IncomingMessage,
    body: any,
    res: http.ServerResponse,
  ) {
    const url = new URL(req.url!, 'http://loopback');
    const route = `${req.method} ${url.pathname}`;
    this.requests.push(route);
    this.tokens.push(
      req.headers.authorization?.replace(/^(token|bearer) /i, ''),
    );
    const json = (status: number, data: unknown) =>
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(data));
    const appAnswer = this.app?.answer(route, req.headers.authorization);
    if (appAnswer) return json(...appAnswer);
    const { git } = this;
    const repoPrefix = `/repos/${this.owner}/${this.repo}`;
    const match = (pattern: string) => route.match(new RegExp(`^${pattern}$`));
    // HEAD too: octokit-plugin-create-pull-request checks a file exists before deleting it.
    const contents = match(`(?:GET|HEAD) ${repoPrefix}/contents/(.+)`);
    const patchRef = match(`PATCH ${repoPrefix}/git/refs/(.+)`);
    const onePull = match(`(GET|PATCH) ${repoPrefix}/pulls/(\\d+)`);
    const status = match(`GET ${repoPrefix}/commits/(.+)/status`);
    const archive = match(`GET ${repoPrefix}/tarball/(.+)`);

    if (route === `GET ${repoPrefix}`) {
      return json(200, {
        name: this.repo,
        full_name: `${this.owner}/${this.repo}`,
        default_branch: 'main',
        permissions: { admin: false, push: true, pull: true },
      });
    }
    if (contents) {
      const ref = url.searchParams.get('ref') ?? 'main';
      const blob = git.blobAt(ref, decodeURIComponent(contents[1]));
      if (!blob) return json(404, { message: 'Not Found' });
      if ((req.headers.accept ?? '').includes('raw')) {
        return res
          .writeHead(200, { 'content-type': 'text/plain', etag: `"${blob}"` })
          .end(git.blobs.get(blob));
      }
      return json(200, {
        type: 'file',
        encoding: 'base64',
        sha: blob,
        content: Buffer.from(git.blobs.get(blob)!).toString('base64'),
      });
    }
    if (status) {
      // What GithubUrlReader.readTree reads: the commit, and where the repository's archives are.
      const commitSha = git.commitAt(decodeURIComponent(status[1]));
      if (!commitSha || !git.commits.has(commitSha))
        return json(404, { message: 'Not Found' });
      return json(200, {
        sha: commitSha,
        repository: {
          full_name: `${this.owner}/${this.repo}`,
          archive_url: `http://${req.headers.host}${repoPrefix}/{archive_format}{/ref}`,
        },
      });
    }
    if (archive) {
      const ref = decodeURIComponent(archive[1]);
      const commitSha = git.commitAt(ref);
      if (!commitSha || !git.commits.has(commitSha))
        return json(404, { message: 'Not Found' });
      const top = `${this.owner}-${this.repo}-${commitSha.slice(0, 7)}`;
      tarball(top, git.filesAt(commitSha)).then(
        data =>
          res
            .writeHead(200, { 'content-type': 'application/x-gzip' })
            .end(data),
        error => res.writeHead(500).end(String(error)),
      );
      return undefined;
    }
    if (route === `GET ${repoPrefix}/commits`) {
      const commitSha = git.refs.get(
        `heads/${url.searchParams.get('sha') ?? 'main'}`,
      );
      if (!commitSha) return json(404, { message: 'Not Found' });
      return json(200, [
        {
          sha: commitSha,
          commit: { tree: { sha: git.commits.get(commitSha)!.tree } },
        },
      ]);
    }
    if (route === `POST ${repoPrefix}/git/blobs`) {
      const content =
        body.encoding === 'base64'
          ? Buffer.from(body.content, 'base64').toString('utf8')
          : body.content;
      return json(201, { sha: git.putBlob(content) });
    }
    if (route === `POST ${repoPrefix}/git/trees`) {
      const entries = { ...(git.trees.get(body.base_tree) ?? {}) };
      for (const item of body.tree) {
        if (item.sha === null) delete entries[item.path];
        else entries[item.path] = item.sha ?? git.putBlob(item.content);
      }
      return json(201, { sha: git.putTree(entries) });
    }
    if (route === `POST ${repoPrefix}/git/commits`) {
      return json(201, {
        sha: git.putCommit({
          tree: body.tree,
          parents: body.parents,
          message: body.message,
        }),
      });
    }
    if (route === `POST ${repoPrefix}/git/refs`) {
      git.refs.set(body.ref.replace(/^refs\//, ''), body.sha);
      return json(201, { ref: body.ref, object: { sha: body.sha } });
    }
    if (patchRef) {
      git.refs.set(decodeURIComponent(patchRef[1]), body.sha);
      return json(200, {
        ref: `refs/${patchRef[1]}`,
        object: { sha: body.sha },
      });
    }
    if (route === 'POST /graphql') {
      const head = body.variables?.head;
      const exists = git.refs.has(`heads/${head}`);
      const open = this.pulls.filter(p => p.head === head);
      return json(200, {
        data: {
          repository: {
            ref: exists
              ? {
                  associatedPullRequests: {
                    edges: open.map(p => ({
                      node: {
                        id: `PR_${p.number}`,
                        number: p.number,
                        url: this.pullJson(p).html_url,
                      },
                    })),
                  },
                }
              : null,
          },
        },
      });
    }
    if (route === `POST ${repoPrefix}/pulls`) {
      const head = String(body.head).replace(/^[^:]+:/, '');
      const pr: FakePullRequest = {
        // Numbers are never reused, also after a merge.
        number: ++this.lastNumber,
        head,
        base: body.base,
        title: body.title,
        body: body.body,
        headSha: git.refs.get(`heads/${head}`)!,
        createdAt: this.now().toISOString(),
      };
      this.pulls.push(pr);
      return json(201, this.pullJson(pr));
    }
    if (onePull) {
      const pr = [...this.pulls, ...this.closed].find(
        p => p.number === Number(onePull[2]),
      );
      if (!pr) return json(404, { message: 'Not Found' });
      if (onePull[1] === 'PATCH')
        Object.assign(pr, {
          title: body.title ?? pr.title,
          body: body.body ?? pr.body,
          headSha: git.refs.get(`heads/${pr.head}`) ?? pr.headSha,
        });
      return json(200, this.pullJson(pr));
    }
    this.unknownRequests.push(route);
    return json(404, {
      message: `Not Found (loopback GitHub does not implement ${route})`,
    });
  }
}
