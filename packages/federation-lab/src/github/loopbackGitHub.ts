import { createHash } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One pull request as the fake GitHub holds it. */
export interface FakePullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  headSha: string;
}

const sha = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * A loopback stand-in for the GitHub REST API: only the endpoints that `fetch:plain:file`
 * (contents, raw) and `publish:github:pull-request` (octokit-plugin-create-pull-request: repo,
 * commits, blobs, trees, commits, refs, pulls, and its one GraphQL query) call. Git objects
 * are content-addressed, so an unchanged tree has the base tree's sha, as on GitHub.
 * Anything else answers 404 and is recorded in `unknownRequests`.
 */
export class LoopbackGitHub {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, Record<string, string>>();
  readonly commits = new Map<
    string,
    { tree: string; parents: string[]; message: string }
  >();
  readonly refs = new Map<string, string>();
  readonly pulls: FakePullRequest[] = [];
  readonly closed: FakePullRequest[] = [];
  readonly unknownRequests: string[] = [];
  readonly requests: string[] = [];
  /** The token each request carried (`Authorization: token ...`), in order. */
  readonly tokens: Array<string | undefined> = [];
  private server?: http.Server;

  constructor(
    readonly owner: string,
    readonly repo: string,
    files: Record<string, string>,
  ) {
    const tree = this.putTree(
      Object.fromEntries(
        Object.entries(files).map(([p, c]) => [p, this.putBlob(c)]),
      ),
    );
    this.refs.set(
      'heads/main',
      this.putCommit({ tree, parents: [], message: 'initial' }),
    );
  }

  /** The files of a branch, path to content. */
  filesAt(branch: string): Record<string, string> {
    const commit = this.commits.get(this.refs.get(`heads/${branch}`)!)!;
    const tree = this.trees.get(commit.tree)!;
    return Object.fromEntries(
      Object.entries(tree).map(([p, b]) => [p, this.blobs.get(b)!]),
    );
  }

  /** Merges a pull request (fast-forward) and closes it. */
  merge(pr: FakePullRequest) {
    this.refs.set(`heads/${pr.base}`, this.refs.get(`heads/${pr.head}`)!);
    this.refs.delete(`heads/${pr.head}`);
    this.closed.push(...this.pulls.splice(this.pulls.indexOf(pr), 1));
  }

  async start(): Promise<string> {
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
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    await new Promise(resolve => this.server?.close(resolve));
  }

  private putBlob(content: string) {
    const id = sha(`blob ${content}`);
    this.blobs.set(id, content);
    return id;
  }

  private putTree(entries: Record<string, string>) {
    const sorted = Object.fromEntries(
      Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)),
    );
    const id = sha(`tree ${JSON.stringify(sorted)}`);
    this.trees.set(id, sorted);
    return id;
  }

  private putCommit(commit: {
    tree: string;
    parents: string[];
    message: string;
  }) {
    const id = sha(`commit ${JSON.stringify(commit)}`);
    this.commits.set(id, commit);
    return id;
  }

  private pullJson(pr: FakePullRequest) {
    return {
      number: pr.number,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${pr.number}`,
      base: { ref: pr.base },
      head: { ref: pr.head },
      title: pr.title,
      body: pr.body,
    };
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
    const repoPrefix = `/repos/${this.owner}/${this.repo}`;
    const match = (pattern: string) => route.match(new RegExp(`^${pattern}$`));
    // HEAD too: octokit-plugin-create-pull-request checks a file exists before deleting it.
    const contents = match(`(?:GET|HEAD) ${repoPrefix}/contents/(.+)`);
    const patchRef = match(`PATCH ${repoPrefix}/git/refs/(.+)`);
    const patchPull = match(`PATCH ${repoPrefix}/pulls/(\\d+)`);

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
      const commitSha = this.refs.get(`heads/${ref}`) ?? ref;
      const tree = this.trees.get(this.commits.get(commitSha)?.tree ?? '');
      const blob = tree?.[decodeURIComponent(contents[1])];
      if (!blob) return json(404, { message: 'Not Found' });
      if ((req.headers.accept ?? '').includes('raw')) {
        return res
          .writeHead(200, { 'content-type': 'text/plain', etag: `"${blob}"` })
          .end(this.blobs.get(blob));
      }
      return json(200, {
        type: 'file',
        encoding: 'base64',
        sha: blob,
        content: Buffer.from(this.blobs.get(blob)!).toString('base64'),
      });
    }
    if (route === `GET ${repoPrefix}/commits`) {
      const commitSha = this.refs.get(
        `heads/${url.searchParams.get('sha') ?? 'main'}`,
      );
      if (!commitSha) return json(404, { message: 'Not Found' });
      return json(200, [
        {
          sha: commitSha,
          commit: { tree: { sha: this.commits.get(commitSha)!.tree } },
        },
      ]);
    }
    if (route === `POST ${repoPrefix}/git/blobs`) {
      const content =
        body.encoding === 'base64'
          ? Buffer.from(body.content, 'base64').toString('utf8')
          : body.content;
      return json(201, { sha: this.putBlob(content) });
    }
    if (route === `POST ${repoPrefix}/git/trees`) {
      const entries = { ...(this.trees.get(body.base_tree) ?? {}) };
      for (const item of body.tree) {
        if (item.sha === null) delete entries[item.path];
        else entries[item.path] = item.sha ?? this.putBlob(item.content);
      }
      return json(201, { sha: this.putTree(entries) });
    }
    if (route === `POST ${repoPrefix}/git/commits`) {
      return json(201, {
        sha: this.putCommit({
          tree: body.tree,
          parents: body.parents,
          message: body.message,
        }),
      });
    }
    if (route === `POST ${repoPrefix}/git/refs`) {
      this.refs.set(body.ref.replace(/^refs\//, ''), body.sha);
      return json(201, { ref: body.ref, object: { sha: body.sha } });
    }
    if (patchRef) {
      this.refs.set(decodeURIComponent(patchRef[1]), body.sha);
      return json(200, {
        ref: `refs/${patchRef[1]}`,
        object: { sha: body.sha },
      });
    }
    if (route === 'POST /graphql') {
      const head = body.variables?.head;
      const exists = this.refs.has(`heads/${head}`);
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
        number: this.pulls.length + 1,
        head,
        base: body.base,
        title: body.title,
        body: body.body,
        headSha: this.refs.get(`heads/${head}`)!,
      };
      this.pulls.push(pr);
      return json(201, this.pullJson(pr));
    }
    if (patchPull) {
      const pr = this.pulls.find(p => p.number === Number(patchPull[1]));
      if (!pr) return json(404, { message: 'Not Found' });
      Object.assign(pr, {
        title: body.title,
        body: body.body,
        headSha: this.refs.get(`heads/${pr.head}`)!,
      });
      return json(200, this.pullJson(pr));
    }
    this.unknownRequests.push(route);
    return json(404, {
      message: `Not Found (loopback GitHub does not implement ${route})`,
    });
  }
}
