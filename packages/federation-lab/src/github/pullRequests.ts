/** One pull request as the loopback GitHub holds it. */
export interface FakePullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  headSha: string;
  /** ISO 8601, from the loopback's clock. */
  createdAt: string;
  /** ISO 8601, set by `merge()`. */
  mergedAt?: string;
}

/** The pull request as the REST API answers it (the fields the scaffolder and the tracker read). */
export function pullRequestJson(
  pr: FakePullRequest,
  repo: { owner: string; repo: string },
  open: boolean,
) {
  return {
    number: pr.number,
    html_url: `https://github.com/${repo.owner}/${repo.repo}/pull/${pr.number}`,
    // GitHub: a merged pull request is `closed` with `merged_at` set.
    state: open ? 'open' : 'closed',
    merged: !!pr.mergedAt,
    merged_at: pr.mergedAt ?? null,
    created_at: pr.createdAt,
    base: { ref: pr.base },
    head: { ref: pr.head, sha: pr.headSha },
    title: pr.title,
    body: pr.body,
  };
}
