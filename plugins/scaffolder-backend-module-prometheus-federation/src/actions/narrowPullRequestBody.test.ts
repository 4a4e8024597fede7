import {
  narrowPullRequestBody,
  OWNERS_SECTION_CHARS,
} from './narrowPullRequestBody';

const input = (owners: number) => ({
  cluster: 'blue',
  selectors: ['{__name__=~"http_requests_total|up"}'],
  keptNames: ['http_requests_total', 'up'],
  namesByOwner: Array.from({ length: owners }, (_, i) => ({
    owner: `dashboard "Team ${String(i).padStart(4, '0')}"`,
    names: ['http_requests_total', 'up'],
  })),
  savings: {},
  repoPath: '.',
  paths: {},
});

describe('narrowPullRequestBody', () => {
  it('lists every owner when they fit', () => {
    const body = narrowPullRequestBody(input(3), true);
    expect(body).toContain('### Names kept, per dashboard and rule (3)');
    expect(body).toContain(
      '- `dashboard "Team 0002"`: `http_requests_total`, `up`',
    );
    expect(body).not.toContain('more dashboards and rules');
  });

  it('lists the owners that fit its share of the body and counts the rest', () => {
    const body = narrowPullRequestBody(input(2000), true);
    const listed = body
      .split('\n')
      .filter(l => l.startsWith('- `dashboard "Team '));
    expect(listed.join('\n').length).toBeLessThanOrEqual(OWNERS_SECTION_CHARS);
    expect(body).toContain(
      `- and ${2000 - listed.length} more dashboards and rules`,
    );
    // GitHub's limit for a pull request body.
    expect(body.length).toBeLessThan(65536);
  });

  it('has no section without owners', () => {
    expect(narrowPullRequestBody(input(0), true)).not.toContain(
      'per dashboard and rule',
    );
  });
});
