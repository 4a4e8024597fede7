import { ConfigReader } from '@backstage/config';
import { LoopbackGitHub } from '@promfed/federation-lab';
import { generateKeyPairSync } from 'node:crypto';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import {
  BACKOFF_START_MS,
  parsePullRequestUrl,
  PullRequestCollector,
} from './pullRequests';

// The fields of GitHub's pull request object the tracker reads (REST API 2022-11-28).
const OPEN = {
  number: 42,
  state: 'open',
  title: 'Add cluster blue to Prometheus federation',
  created_at: '2026-11-24T10:00:00Z',
  merged_at: null,
  merged: false,
};

type Answer = [number, object | string, Record<string, string>?];

describe('PullRequestCollector against a loopback GitHub API', () => {
  let server: LocalServer;
  const clock = { now: Date.parse('2026-11-24T12:00:00Z') };
  afterEach(() => server?.close());

  async function collector(
    answer: (url: string, headers: Record<string, unknown>) => Answer,
    credentials: object = { token: 'ghp-never-shown' },
  ) {
    server = await startLocalServer((req, res) => {
      const [status, body, headers] = answer(req.url!, req.headers);
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
    const config = new ConfigReader({
      integrations: {
        github: [
          {
            host: 'github.example.com',
            apiBaseUrl: server.url,
            ...credentials,
          },
        ],
      },
    });
    const c = PullRequestCollector.fromConfig(config, {
      timeoutSeconds: 2,
      maxResponseBytes: 1024 * 1024,
    });
    // The clock, for the back-off.
    (c as unknown as { now: () => number }).now = () => clock.now;
    return c;
  }

  const link = 'https://github.example.com/acme/infra/pull/42';

  it('reads an open pull request with the integration token', async () => {
    const c = await collector(() => [200, OPEN]);
    expect(await c.read(link)).toEqual({
      url: link,
      state: 'open',
      title: 'Add cluster blue to Prometheus federation',
      createdAt: '2026-11-24T10:00:00Z',
      mergedAt: undefined,
    });
    expect(server.requests[0].url).toBe('/repos/acme/infra/pulls/42');
    expect(server.requests[0].headers.authorization).toBe(
      'Bearer ghp-never-shown',
    );
  });

  it("reads with a GitHub App against the lab's loopback GitHub: an installation token for the owner, as the scaffolder does", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
    });
    const github = new LoopbackGitHub(
      'acme',
      'infra',
      {},
      {
        app: {
          appId: 1234,
          key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      },
    );
    github.pulls.push({
      number: 42,
      head: 'add-blue',
      base: 'main',
      title: 'Add cluster blue to Prometheus federation',
      body: '',
      headSha: 'abc',
      createdAt: '2026-11-24T10:00:00Z',
    });
    const apiBaseUrl = await github.start();
    try {
      const c = PullRequestCollector.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: 'github.example.com',
                apiBaseUrl,
                apps: [
                  {
                    appId: 1234,
                    clientId: 'Iv1.lab',
                    clientSecret: 'lab-secret',
                    privateKey: privateKey
                      .export({ type: 'pkcs1', format: 'pem' })
                      .toString(),
                  },
                ],
              },
            ],
          },
        }),
        { timeoutSeconds: 5, maxResponseBytes: 1024 * 1024 },
      );
      expect(await c.read(link)).toMatchObject({
        state: 'open',
        title: 'Add cluster blue to Prometheus federation',
      });
      expect(github.requests).toEqual([
        'GET /app/installations',
        'POST /app/installations/1/access_tokens',
        'GET /repos/acme/infra/pulls/42',
      ]);
      // The pull request was read with the installation token the app was given.
      expect(github.app!.installationTokens.has(github.tokens[2]!)).toBe(true);
    } finally {
      await github.stop();
    }
  });

  it('reads merged and closed pull requests', async () => {
    let body: object = {
      ...OPEN,
      state: 'closed',
      merged: true,
      merged_at: '2026-11-24T11:00:00Z',
    };
    const c = await collector(() => [200, body]);
    expect(await c.read(link)).toMatchObject({
      state: 'merged',
      mergedAt: '2026-11-24T11:00:00Z',
    });
    body = { ...OPEN, state: 'closed' };
    expect(await c.read(link)).toMatchObject({ state: 'closed' });
  });

  it('asks again with the ETag, and an unchanged answer (304) keeps the state', async () => {
    const c = await collector((_url, headers) =>
      headers['if-none-match'] === '"v1"'
        ? [304, '']
        : [200, OPEN, { etag: '"v1"' }],
    );
    expect(await c.read(link)).toMatchObject({ state: 'open' });
    expect(await c.read(link)).toMatchObject({ state: 'open' });
    expect(server.requests[1].headers['if-none-match']).toBe('"v1"');
  });

  it('backs off a host after a failure, doubling, and until the reset when rate-limited', async () => {
    let answer: Answer = [502, { message: 'bad gateway' }];
    const c = await collector(() => answer);
    expect((await c.read(link)).error).toContain('HTTP 502');
    // Resting: no request.
    expect((await c.read(link)).error).toContain('is not read again before');
    expect(server.requests).toHaveLength(1);
    clock.now += BACKOFF_START_MS + 1;
    expect((await c.read(link)).error).toContain('HTTP 502');
    clock.now += BACKOFF_START_MS + 1;
    // Doubled: still resting.
    await c.read(link);
    expect(server.requests).toHaveLength(2);
    clock.now += BACKOFF_START_MS;
    const reset = Math.round(clock.now / 1000) + 3600;
    answer = [
      403,
      { message: 'API rate limit exceeded' },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    ];
    expect((await c.read(link)).error).toContain('rate limited');
    clock.now += 30 * 60_000;
    expect((await c.read(link)).error).toContain(
      `before ${new Date(reset * 1000).toISOString()} (rate limited)`,
    );
    clock.now = reset * 1000 + 1;
    answer = [200, OPEN];
    expect(await c.read(link)).toMatchObject({ state: 'open' });
  });

  it('names an error without the token, and calls no host outside the config', async () => {
    const c = await collector(() => [
      404,
      { message: 'Not Found ghp-never-shown' },
    ]);
    const failed = await c.read(link);
    expect(failed.error).toContain('HTTP 404 reading pull request 42');
    expect(failed.error).not.toContain('ghp-never-shown');
    expect(await c.read('https://github.com/acme/infra/pull/1')).toMatchObject({
      error: 'no GitHub integration for github.com in integrations.github',
    });
    expect(await c.read('https://github.example.com/acme/infra')).toMatchObject(
      {
        error: expect.stringContaining('not a pull request link'),
      },
    );
    expect(server.requests).toHaveLength(1);
  });

  it('parses links', () => {
    expect(parsePullRequestUrl(link)).toEqual({
      host: 'github.example.com',
      owner: 'acme',
      repo: 'infra',
      number: 42,
    });
    expect(parsePullRequestUrl('http://github.com/a/b/pull/1')).toBeUndefined();
  });
});
