import { ClusterStatus } from '@promfed/plugin-prometheus-federation-common';
import { options } from '../__testUtils__/triageFixtures';
import { sharedCauses } from './sharedCauses';

function cluster(
  name: string,
  state: ClusterStatus['state'],
  headline?: ClusterStatus['headline'],
): ClusterStatus {
  return {
    name,
    state,
    configured: true,
    headline,
    securityGroupRule: 'pass',
    firingAlerts: [],
    links: { dashboards: [] },
    checks: [],
    history: [],
    warnings: [],
    remediation: headline
      ? {
          summary: `fix ${name}`,
          commands: [`kubectl get pods --context=${name}`],
        }
      : undefined,
  };
}

const names = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('sharedCauses: is it them or us?', () => {
  // Each leaf has its own node group, named in its headline.
  const noRule = (n: string, otherRules: boolean) => {
    const group = `sg-0${Buffer.from(n).toString('hex')}`;
    const c = cluster(n, 'degraded', {
      check: 'security-group',
      summary: `No rule on ${group} allows tcp 443 from the ops cluster's security group.`,
    });
    c.checks = [
      {
        id: 'security-group',
        title: 'Security group rule',
        result: 'fail',
        summary: c.headline!.summary,
        evidence: [
          { label: 'Node security group', value: group },
          ...(otherRules
            ? [{ label: 'Other tcp 443 rules', value: 'sgr-1 from sg-old' }]
            : []),
        ],
      },
    ];
    return c;
  };

  it('leads with the ops side when many leaves allow another source than ops on tcp 443, before a larger leaf cause', () => {
    const clusters = [
      ...names(6, 'sg').map(n => noRule(n, true)),
      ...names(7, 'gone').map(n => noRule(n, false)),
      ...names(4, 'ok').map(n => cluster(n, 'healthy')),
    ];
    const [shared, removed, ...rest] = sharedCauses(clusters, options);
    expect(rest).toEqual([]);
    expect(removed).toMatchObject({
      side: 'leaf',
      clusters: names(7, 'gone').sort(),
    });
    expect(shared).toMatchObject({
      check: 'security-group',
      side: 'ops',
      clusters: names(6, 'sg').sort(),
    });
    expect(shared.summary).toBe(
      "6 clusters degraded, security group rule: No rule on <cluster>'s node group allows tcp 443 from the ops cluster's security group. Ops side: their tcp 443 rules allow another source than the ops source sg-0aaaaaaaaaaaaaaaa / 203.0.113.10/32: the ops NAT address or security group changed, not each leaf's rule.",
    );
    expect(shared.remediation).toEqual({
      summary: expect.stringMatching(/fix the ops side .* once/),
    });
    // Each leaf's own fix keeps the leaf's commands.
    expect(removed.remediation.commands).toEqual([
      `kubectl get pods --context=${removed.clusters[0]}`,
    ]);
  });

  it('says each leaf when the cause is on the leaves, and stays quiet below the threshold', () => {
    const refused = (n: string) =>
      cluster(n, 'down', {
        check: 'target',
        cause: 'connection-refused',
        summary: `federate-${n} is down: connection refused`,
      });
    const [shared] = sharedCauses(names(5, 'leaf').map(refused), options);
    expect(shared).toMatchObject({
      side: 'leaf',
      cause: 'connection-refused',
      summary: expect.stringMatching(
        /^5 clusters down, ops prometheus target: connection refused\. Each leaf:/,
      ),
      remediation: { summary: 'fix leaf-0' },
    });
    expect(sharedCauses(names(4, 'leaf').map(refused), options)).toEqual([]);
    expect(
      sharedCauses(names(3, 'leaf').map(refused), options, 3),
    ).toHaveLength(1);
  });

  it('tells an untrusted CA (ops) from expired certificates (leaves), and sorts the largest first', () => {
    const tls = (n: string, words: string) =>
      cluster(n, 'down', {
        check: 'target',
        cause: 'tls',
        summary: `federate-${n} is down: ${words}`,
      });
    const shared = sharedCauses(
      [
        ...names(5, 'exp').map(n => tls(n, 'certificate expired')),
        ...names(7, 'ca').map(n => tls(n, 'certificate not trusted')),
      ],
      options,
    );
    expect(shared.map(s => [s.side, s.clusters.length])).toEqual([
      ['ops', 7],
      ['leaf', 5],
    ]);
    expect(shared[0].reason).toMatch(/CA ops Prometheus uses/);
  });
});
