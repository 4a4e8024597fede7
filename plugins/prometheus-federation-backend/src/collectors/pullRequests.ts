import { Config } from '@backstage/config';
import { OnboardingPullRequest } from '@promfed/plugin-prometheus-federation-common';
import { httpGet } from './httpClient';
import { sourced } from './sourced';

/** One GitHub host of `integrations.github` (the config @backstage/integration reads). */
export interface GithubHost {
  host: string;
  apiBaseUrl: string;
  token?: string;
}

/** `integrations.github[]`: github.com's API is api.github.com, Enterprise's `<host>/api/v3`. */
export function readGithubHosts(config: Config): GithubHost[] {
  return (config.getOptionalConfigArray('integrations.github') ?? []).map(c => {
    const host = c.getString('host');
    return {
      host,
      apiBaseUrl: (
        c.getOptionalString('apiBaseUrl') ??
        (host === 'github.com'
          ? 'https://api.github.com'
          : `https://${host}/api/v3`)
      ).replace(/\/+$/, ''),
      token: c.getOptionalString('token'),
    };
  });
}

/** `https://<host>/<owner>/<repo>/pull/<n>`, the link the template annotates. */
export function parsePullRequestUrl(
  url: string,
): { host: string; owner: string; repo: string; number: number } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const m = /^\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)\/?$/.exec(parsed.pathname);
  if (parsed.protocol !== 'https:' || !m) return undefined;
  return { host: parsed.host, owner: m[1], repo: m[2], number: Number(m[3]) };
}

/**
 * Reads a pull request's state from the GitHub REST API (`GET /repos/{owner}/{repo}/pulls/{n}`)
 * with the integration's token. Only hosts named in `integrations.github` are called: the link
 * comes from a catalog annotation, and must not make the backend call anywhere it says.
 */
export class PullRequestCollector {
  constructor(
    private readonly hosts: GithubHost[],
    private readonly timeoutSeconds: number,
    private readonly maxResponseBytes: number,
  ) {}

  private secrets(): string[] {
    return this.hosts.flatMap(h => (h.token ? [h.token] : []));
  }

  async read(url: string): Promise<OnboardingPullRequest> {
    const ref = parsePullRequestUrl(url);
    if (!ref)
      return {
        url,
        error:
          'not a pull request link (https://<host>/<owner>/<repo>/pull/<n>)',
      };
    const host = this.hosts.find(h => h.host === ref.host);
    if (!host)
      return {
        url,
        error: `no GitHub integration for ${ref.host} in integrations.github`,
      };
    const api = `${host.apiBaseUrl}/repos/${ref.owner}/${ref.repo}/pulls/${ref.number}`;
    const result = await sourced(
      `GitHub ${ref.host}`,
      this.timeoutSeconds,
      this.secrets(),
      async signal => {
        const response = await httpGet(api, {
          signal,
          limitBytes: this.maxResponseBytes,
          headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            'User-Agent': 'backstage-prometheus-federation',
            ...(host.token ? { Authorization: `Bearer ${host.token}` } : {}),
          },
        });
        if (response.status !== 200)
          throw new Error(
            `HTTP ${response.status} reading pull request ${ref.number}`,
          );
        return JSON.parse(response.body);
      },
    );
    if (!result.ok) return { url, error: result.reason };
    const pr = result.value;
    let state: OnboardingPullRequest['state'] = 'open';
    if (pr.merged_at) state = 'merged';
    else if (pr.state === 'closed') state = 'closed';
    return {
      url,
      state,
      title: typeof pr.title === 'string' ? pr.title : undefined,
      createdAt: pr.created_at ?? undefined,
      mergedAt: pr.merged_at ?? undefined,
    };
  }
}
