import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import { OnboardingPullRequest } from '@promfed/plugin-prometheus-federation-common';
import { httpGet } from './httpClient';
import { sourced } from './sourced';

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

/** After a failed read a host rests this long, doubling up to BACKOFF_MAX_MS. */
export const BACKOFF_START_MS = 30_000;
export const BACKOFF_MAX_MS = 15 * 60_000;

export interface PullRequestCollectorOptions {
  /** The hosts named in `integrations.github`: the only ones called. */
  hosts: string[];
  integrations: ScmIntegrationRegistry;
  /** GitHub Apps or tokens, per host, as the scaffolder's own GitHub actions use them. */
  credentials: GithubCredentialsProvider;
  timeoutSeconds: number;
  maxResponseBytes: number;
  /** For tests: the clock. */
  now?: () => number;
}

interface Backoff {
  until: number;
  delayMs: number;
  reason: string;
}

/** A rate limit answer: GitHub's 403 or 429 with no requests left or a retry-after. */
function retryAfterMs(
  status: number,
  headers: Record<string, unknown>,
  now: number,
): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers['retry-after']);
  if (retryAfter > 0) return retryAfter * 1000;
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']) * 1000;
    return reset > now ? reset - now : BACKOFF_START_MS;
  }
  return status === 429 ? BACKOFF_START_MS : undefined;
}

/**
 * Reads a pull request's state from the GitHub REST API (`GET /repos/{owner}/{repo}/pulls/{n}`)
 * with the credentials of `@backstage/integration` (GitHub Apps or tokens, github.com or
 * Enterprise). Only hosts named in `integrations.github` are called: the link comes from a
 * catalog annotation, and must not make the backend call anywhere it says. Each pull request is
 * read conditionally (its ETag: an unchanged one costs no rate limit), and a host that failed or
 * rate-limited rests (doubling, up to 15 minutes, or until GitHub's reset) before it is read again.
 */
export class PullRequestCollector {
  private readonly etags = new Map<
    string,
    { etag: string; value: OnboardingPullRequest }
  >();
  private readonly backoff = new Map<string, Backoff>();
  private readonly secrets = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: PullRequestCollectorOptions) {
    this.now = options.now ?? Date.now;
  }

  static fromConfig(
    config: Config,
    limits: { timeoutSeconds: number; maxResponseBytes: number },
  ): PullRequestCollector {
    const integrations = ScmIntegrations.fromConfig(config);
    return new PullRequestCollector({
      // ScmIntegrations adds github.com unasked: only the hosts the config names count.
      hosts: (config.getOptionalConfigArray('integrations.github') ?? []).map(
        c => c.getString('host'),
      ),
      integrations,
      credentials:
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      ...limits,
    });
  }

  async read(
    url: string,
    signal?: AbortSignal,
  ): Promise<OnboardingPullRequest> {
    const ref = parsePullRequestUrl(url);
    if (!ref)
      return {
        url,
        error:
          'not a pull request link (https://<host>/<owner>/<repo>/pull/<n>)',
      };
    const integration = this.options.hosts.includes(ref.host)
      ? this.options.integrations.github.byHost(ref.host)
      : undefined;
    if (!integration)
      return {
        url,
        error: `no GitHub integration for ${ref.host} in integrations.github`,
      };
    const resting = this.backoff.get(ref.host);
    if (resting && this.now() < resting.until)
      return {
        url,
        error: `GitHub ${ref.host} is not read again before ${new Date(
          resting.until,
        ).toISOString()} (${resting.reason})`,
      };
    const apiBaseUrl = integration.config.apiBaseUrl!.replace(/\/+$/, '');
    const api = `${apiBaseUrl}/repos/${ref.owner}/${ref.repo}/pulls/${ref.number}`;
    const known = this.etags.get(url);
    let rateLimitMs: number | undefined;
    const result = await sourced(
      `GitHub ${ref.host}`,
      this.options.timeoutSeconds,
      [...this.secrets],
      async timeoutSignal => {
        const { headers: auth, token } =
          // The repository's URL: a pull request's would not parse to its owner.
          await this.options.credentials.getCredentials({
            url: `https://${ref.host}/${ref.owner}/${ref.repo}`,
          });
        if (token) this.secrets.add(token);
        const response = await httpGet(api, {
          signal: signal
            ? AbortSignal.any([signal, timeoutSignal])
            : timeoutSignal,
          limitBytes: this.options.maxResponseBytes,
          headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            'User-Agent': 'backstage-prometheus-federation',
            ...auth,
            ...(known ? { 'If-None-Match': known.etag } : {}),
          },
        });
        if (response.status === 304 && known) return known.value;
        rateLimitMs = retryAfterMs(
          response.status,
          response.headers,
          this.now(),
        );
        if (rateLimitMs !== undefined)
          throw new Error(`HTTP ${response.status}: rate limited`);
        if (response.status !== 200)
          throw new Error(
            `HTTP ${response.status} reading pull request ${ref.number}`,
          );
        const value = stateOf(url, JSON.parse(response.body));
        const etag = response.headers.etag;
        if (typeof etag === 'string') this.etags.set(url, { etag, value });
        return value;
      },
    );
    if (result.ok) {
      this.backoff.delete(ref.host);
      return result.value;
    }
    this.rest(ref.host, rateLimitMs);
    return { url, error: result.reason };
  }

  /** Rests a host: until GitHub's reset when rate-limited, else twice as long as last time. */
  private rest(host: string, rateLimitMs?: number) {
    const before = this.backoff.get(host);
    const delayMs = Math.min(
      BACKOFF_MAX_MS,
      before ? before.delayMs * 2 : BACKOFF_START_MS,
    );
    this.backoff.set(host, {
      until: this.now() + (rateLimitMs ?? delayMs),
      delayMs,
      reason: rateLimitMs ? 'rate limited' : 'the last read failed',
    });
  }
}

function stateOf(
  url: string,
  pr: Record<string, unknown>,
): OnboardingPullRequest {
  let state: OnboardingPullRequest['state'] = 'open';
  if (pr.merged_at) state = 'merged';
  else if (pr.state === 'closed') state = 'closed';
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    url,
    state,
    title: text(pr.title),
    createdAt: text(pr.created_at),
    mergedAt: text(pr.merged_at),
  };
}
