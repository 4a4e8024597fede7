import { CostFacts } from '../collectors/types';
import { federationProof } from './proof';

/** blue after its narrowing to up, http_requests_total and app_queue_depth. */
function facts(extra: Partial<CostFacts> = {}): CostFacts {
  return {
    cluster: 'blue',
    job: 'federate-blue',
    seriesByName: answering({}),
    scrape: { ok: true, value: {} },
    durationTrend: { ok: true, value: undefined },
    history: {
      ok: true,
      value: [
        // Smaller while the lab's traffic still grew; then the last scrape before the narrowing.
        { at: 0, series: 120, bodyBytes: 30000 },
        { at: 150, series: 300, bodyBytes: 90000 },
        { at: 300, series: 35, bodyBytes: 8900 },
        { at: 450, series: 36, bodyBytes: 9000 },
      ],
    },
    selectors: {
      ok: true,
      value: ['{__name__=~"app_queue_depth|http_requests_total|up"}'],
    },
    // Sent in the last hours: the dropped names too.
    recentNames: {
      ok: true,
      value: [
        'app_cache_evictions_total',
        'app_queue_depth',
        'go_goroutines',
        'http_requests_total',
        'up',
      ],
    },
    // With a sample in the last few scrape intervals.
    freshNames: {
      ok: true,
      value: ['up', 'http_requests_total', 'app_queue_depth'],
    },
    rules: {
      ok: true,
      value: {
        groups: [
          {
            name: 'apps',
            rules: [
              { name: 'QueueBacklog', query: 'app_queue_depth > 100' },
              // Another application's metric, never sent by blue: not counted.
              { name: 'OtherApp', query: 'rate(other_app_total[5m]) > 1' },
            ],
          },
        ],
      },
    },
    dashboards: {
      ok: true,
      value: {
        dashboards: [
          {
            title: 'Cache',
            panels: [
              {
                title: 'Requests',
                targets: [
                  {
                    refId: 'A',
                    expr: 'sum(rate(http_requests_total{source_cluster="$cluster"}[5m]))',
                  },
                ],
              },
            ],
          },
        ],
        libraryPanels: {},
        skipped: [],
      },
    },
    ...extra,
  };
}

/** blue's series by name after the narrowing, and `extra` still answering instant queries. */
function answering(extra: Record<string, number>): CostFacts['seriesByName'] {
  return {
    ok: true,
    value: { up: 3, http_requests_total: 30, app_queue_depth: 3, ...extra },
  };
}

/** Ops Prometheus' rules: one group. */
function rulesOf(
  group: string,
  rules: Array<{ name: string; query: string; type?: string }>,
): CostFacts['rules'] {
  return { ok: true, value: { groups: [{ name: group, rules }] } };
}

describe('federationProof', () => {
  it('says every used query still has data, with the measured saving', async () => {
    const proof = await federationProof(facts(), { datasources: [] });
    expect(proof).toMatchObject({
      usedQueries: 2,
      withData: 2,
      lost: [],
      notes: [],
      measured: {
        before: { series: 300, bodyBytes: 90000 },
        after: { series: 36, bodyBytes: 9000 },
      },
    });
  });

  it('claims no saving while the history shows no drop', async () => {
    const proof = await federationProof(
      facts({
        history: {
          ok: true,
          value: [
            { at: 0, series: 36, bodyBytes: 9000 },
            { at: 300, series: 38, bodyBytes: 9400 },
          ],
        },
      }),
      { datasources: [] },
    );
    expect(proof.measured).toBeUndefined();
  });

  it('names the query that reads a dropped name, its dashboard, and the name to add back', async () => {
    const changed = facts();
    const dashboards = changed.dashboards!;
    if (!dashboards.ok) throw new Error('fixture');
    (dashboards.value.dashboards[0].panels as any[]).push({
      title: 'Evictions',
      targets: [{ refId: 'A', expr: 'rate(app_cache_evictions_total[5m])' }],
    });
    const proof = await federationProof(changed, { datasources: [] });
    expect(proof.usedQueries).toBe(3);
    expect(proof.withData).toBe(2);
    expect(proof.lost).toEqual([
      {
        source: 'dashboard "Cache" panel "Evictions" query A',
        owner: 'dashboard "Cache"',
        expr: 'rate(app_cache_evictions_total[5m])',
        names: ['app_cache_evictions_total'],
      },
    ]);
  });

  it('also finds the names a regex lost', async () => {
    const proof = await federationProof(
      facts({
        rules: rulesOf('g', [
          { name: 'Go', query: 'count({__name__=~"go_.*"})' },
        ]),
      }),
      { datasources: [] },
    );
    expect(proof.lost[0]).toMatchObject({
      source: 'alert g/Go',
      names: ['go_goroutines'],
    });
  });

  it('judges by fresh samples: a dropped name inside the 5-minute lookback is lost, for rate() too', async () => {
    // Just after the reload: instant queries still answer the dropped series.
    const ghost = facts({
      seriesByName: answering({ app_cache_evictions_total: 3 }),
      rules: rulesOf('cache', [
        { name: 'Evicting', query: 'app_cache_evictions_total > 0' },
        {
          name: 'EvictionRate',
          query: 'rate(app_cache_evictions_total[5m]) > 1',
        },
      ]),
    });
    const proof = await federationProof(ghost, { datasources: [] });
    expect(proof.lost.map(l => [l.source, l.names])).toEqual([
      ['alert cache/Evicting', ['app_cache_evictions_total']],
      ['alert cache/EvictionRate', ['app_cache_evictions_total']],
    ]);
    expect(proof).toMatchObject({ usedQueries: 3, withData: 1 });
  });

  it('counts a name the job still selects, or a rule still records, while it answers at all', async () => {
    const slow = facts({
      seriesByName: answering({ 'source_cluster:http_requests:rate5m': 1 }),
      // A slow leaf and a slow rule: nothing in the window but up.
      freshNames: { ok: true, value: ['up'] },
      recentNames: {
        ok: true,
        value: [
          'up',
          'http_requests_total',
          'app_queue_depth',
          'source_cluster:http_requests:rate5m',
        ],
      },
      rules: rulesOf('recorded', [
        {
          name: 'source_cluster:http_requests:rate5m',
          type: 'recording',
          query: 'sum by (source_cluster) (rate(http_requests_total[5m]))',
        },
        {
          name: 'Busy',
          type: 'alerting',
          query: 'source_cluster:http_requests:rate5m > 100',
        },
      ]),
    });
    const proof = await federationProof(slow, { datasources: [] });
    expect(proof).toMatchObject({ usedQueries: 3, withData: 3, lost: [] });
  });

  it('claims nothing when the fresh names could not be read, and says why once', async () => {
    const failed = {
      ok: false as const,
      reason: 'ops Prometheus /api/v1/targets of the job: timeout',
    };
    const proof = await federationProof(
      facts({ selectors: failed, freshNames: failed }),
      { datasources: [] },
    );
    expect(proof).toMatchObject({ usedQueries: 0, withData: 0, lost: [] });
    expect(proof.notes).toEqual([failed.reason]);
  });

  it('claims nothing when the job or the names could not be read', async () => {
    const proof = await federationProof(
      facts({
        selectors: {
          ok: false,
          reason: 'ops Prometheus /api/v1/targets of the job: timeout',
        },
      }),
      { datasources: [] },
    );
    expect(proof).toMatchObject({ usedQueries: 0, withData: 0, lost: [] });
    expect(proof.notes).toEqual([
      'ops Prometheus /api/v1/targets of the job: timeout',
    ]);
  });
});
