import { createHash } from 'node:crypto';

export interface GitCommit {
  tree: string;
  parents: string[];
  message: string;
}

const sha = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * The loopback GitHub's object store: blobs, trees (path to blob, flat), commits and refs.
 * Objects are content-addressed, so an unchanged tree has the base tree's sha, as on GitHub.
 */
export class GitObjects {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, Record<string, string>>();
  readonly commits = new Map<string, GitCommit>();
  /** `heads/<branch>` to commit sha. */
  readonly refs = new Map<string, string>();

  putBlob(content: string) {
    const id = sha(`blob ${content}`);
    this.blobs.set(id, content);
    return id;
  }

  putTree(entries: Record<string, string>) {
    const sorted = Object.fromEntries(
      Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)),
    );
    const id = sha(`tree ${JSON.stringify(sorted)}`);
    this.trees.set(id, sorted);
    return id;
  }

  putCommit(commit: GitCommit) {
    const id = sha(`commit ${JSON.stringify(commit)}`);
    this.commits.set(id, commit);
    return id;
  }

  /** A branch's head commit, or a commit sha itself. */
  commitAt(ref: string): string | undefined {
    return this.refs.get(`heads/${ref}`) ?? ref;
  }

  /** The blob sha of a file at a branch or commit, if it exists there. */
  blobAt(ref: string, file: string): string | undefined {
    const commit = this.commits.get(this.commitAt(ref) ?? '');
    return this.trees.get(commit?.tree ?? '')?.[file];
  }

  /** The files of a branch or commit, path to content. */
  filesAt(ref: string): Record<string, string> {
    const commit = this.commits.get(this.commitAt(ref) ?? '');
    if (!commit) throw new Error(`loopback GitHub: no branch or commit ${ref}`);
    const tree = this.trees.get(commit.tree)!;
    return Object.fromEntries(
      Object.entries(tree).map(([p, b]) => [p, this.blobs.get(b)!]),
    );
  }

  /** The commits of a branch, newest first (first parents). */
  history(branch: string): Array<GitCommit & { sha: string }> {
    const out: Array<GitCommit & { sha: string }> = [];
    let at = this.refs.get(`heads/${branch}`);
    while (at && this.commits.has(at)) {
      const commit = this.commits.get(at)!;
      out.push({ sha: at, ...commit });
      at = commit.parents[0];
    }
    return out;
  }
}
