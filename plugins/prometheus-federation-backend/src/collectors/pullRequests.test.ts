import { ConfigReader } from '@backstage/config';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import {
  parsePullRequestUrl,
  PullRequestCollector,
  readGithubHosts,
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

describe('PullRequestCollector against a loopback GitHub API', () => {
  let server: LocalServer;
  afterEach(() => server?.close());

  async function collector(answer: (url: string) => [number, object]) {
    server = await startLocalServer((req, res) => {
      const [status, body] = answer(req.url!);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    const hosts = readGithubHosts(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'github.example.com',
              apiBaseUrl: server.url,
              token: 'ghp-never-shown',
            },
          ],
        },
      }),
    );
    return new PullRequestCollector(hosts, 2, 1024 * 1024);
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

  it('parses links and the default API base URLs', () => {
    expect(parsePullRequestUrl(link)).toEqual({
      host: 'github.example.com',
      owner: 'acme',
      repo: 'infra',
      number: 42,
    });
    expect(parsePullRequestUrl('http://github.com/a/b/pull/1')).toBeUndefined();
    expect(
      readGithubHosts(
        new ConfigReader({
          integrations: {
            github: [{ host: 'github.com' }, { host: 'ghe.acme.io' }],
          },
        }),
      ).map(h => h.apiBaseUrl),
    ).toEqual(['https://api.github.com', 'https://ghe.acme.io/api/v3']);
  });
});
