import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  ONBOARDING_PR_ANNOTATION,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { LoopbackGitHub } from '../github/loopbackGitHub';
import { readFileTree } from '../github/fileTree';
import { repoRoot } from '../options';

/** The lab's GitHub host: not github.com, so a lab portal never mistakes it for the real one. */
export const LAB_GITHUB_HOST = 'github.lab.test';
export const LAB_INFRA_REPO = { owner: 'platform', repo: 'infrastructure' };

/** base+6, the first port options.ts' layout leaves free before the leaves (base+10). */
export function labGitHubPort(basePort: number): number {
  return basePort + 6;
}

/** A cluster's catalog file with the onboarding-pr annotation set (a link) or removed. */
function withOnboardingPr(content: string, prUrl: string | undefined) {
  const doc = parseDocument(content);
  if (prUrl)
    doc.setIn(['metadata', 'annotations', ONBOARDING_PR_ANNOTATION], prUrl);
  else doc.deleteIn(['metadata', 'annotations', ONBOARDING_PR_ANNOTATION]);
  return doc.toString();
}

/**
 * The lab's infrastructure repository on a loopback GitHub (`github.lab.test`, on base+6). The catalog reads the
 * cluster files from it and the onboarding tracker reads its pull requests, through
 * `integrations.github` as in a real portal.
 */
export class LabGitHub {
  private readonly github: LoopbackGitHub;
  private api = '';

  constructor(private readonly basePort: number) {
    this.github = new LoopbackGitHub(
      LAB_INFRA_REPO.owner,
      LAB_INFRA_REPO.repo,
      // examples/infrastructure, as the catalog reads it.
      readFileTree(path.join(repoRoot(), 'examples', 'infrastructure')),
    );
  }

  async start(): Promise<void> {
    this.api = await this.github.start(labGitHubPort(this.basePort));
  }

  async stop(): Promise<void> {
    await this.github.stop();
  }

  private catalogPath(cluster: string) {
    return repositoryLayout(cluster).catalogEntity;
  }

  /** Calls the loopback's REST API, as a person's git client would. */
  private async call(method: string, route: string, body?: object) {
    const { owner, repo } = LAB_INFRA_REPO;
    const res = await fetch(`${this.api}/repos/${owner}/${repo}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok)
      throw new Error(
        `lab GitHub ${method} ${route}: HTTP ${res.status} ${await res.text()}`,
      );
    return res.json() as Promise<any>;
  }

  /** Commits one file on a branch (the branch must exist). */
  private async commit(branch: string, file: string, content: string) {
    const [latest] = await this.call('GET', `/commits?sha=${branch}`);
    const tree = await this.call('POST', '/git/trees', {
      base_tree: latest.commit.tree.sha,
      tree: [{ path: file, mode: '100644', type: 'blob', content }],
    });
    const commit = await this.call('POST', '/git/commits', {
      message: `${file}: onboarding annotation`,
      tree: tree.sha,
      parents: [latest.sha],
    });
    await this.call('PATCH', `/git/refs/heads/${branch}`, { sha: commit.sha });
  }

  private catalogFile(cluster: string): string {
    const content = this.github.filesAt('main')[this.catalogPath(cluster)];
    if (content === undefined)
      throw new Error(
        `the lab's infrastructure repository has no ${this.catalogPath(
          cluster,
        )} (examples/infrastructure)`,
      );
    return content;
  }

  /**
   * (Re-)onboards a cluster as the add template would leave it: a pull request that annotates
   * the cluster's catalog file with its own link, merged at once. Returns the link.
   */
  async onboard(cluster: string): Promise<string> {
    const file = this.catalogPath(cluster);
    const content = this.catalogFile(cluster);
    const branch = `federation/add-${cluster}-${Date.now()}`;
    const [main] = await this.call('GET', '/commits?sha=main');
    await this.call('POST', '/git/refs', {
      ref: `refs/heads/${branch}`,
      sha: main.sha,
    });
    const pr = await this.call('POST', '/pulls', {
      head: branch,
      base: 'main',
      title: `Add cluster ${cluster} to Prometheus federation`,
      body: 'Opened by the federation lab.',
    });
    const { owner, repo } = LAB_INFRA_REPO;
    const url = `https://${LAB_GITHUB_HOST}/${owner}/${repo}/pull/${pr.number}`;
    await this.commit(branch, file, withOnboardingPr(content, url));
    this.github.merge(this.github.pulls.find(p => p.number === pr.number)!);
    return url;
  }

  /** Takes the annotation off again (a commit on main): what `onboard` changed is undone. */
  async offboard(cluster: string): Promise<void> {
    const content = this.catalogFile(cluster);
    await this.commit(
      'main',
      this.catalogPath(cluster),
      withOnboardingPr(content, undefined),
    );
  }
}
