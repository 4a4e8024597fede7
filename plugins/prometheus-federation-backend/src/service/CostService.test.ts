import { OpsCostFacts } from '../collectors/costReader';
import { GrafanaDashboards, Sourced } from '../collectors/types';
import { RefreshBudget } from './refreshBudget';
import { CostBudgetExceeded, CostService } from './CostService';

function opsFacts(cluster: string): OpsCostFacts {
  return {
    cluster,
    job: `federate-${cluster}`,
    seriesByName: { ok: true, value: { up: 1, unused_total: 9 } },
    scrape: { ok: true, value: { samplesPerScrape: 10 } },
    durationTrend: { ok: true, value: undefined },
    rules: {
      ok: true,
      value: { groups: [{ name: 'g', rules: [{ name: 'a', query: 'up' }] }] },
    },
  };
}

const noDashboards: Sourced<GrafanaDashboards> = {
  ok: true,
  value: { dashboards: [], libraryPanels: {}, skipped: [] },
};

/** A service whose reads wait for `release()`, counting them. */
function setUp(options: { perUserPerMinute?: number } = {}) {
  let now = 0;
  const reads: string[] = [];
  let grafanaReads = 0;
  let release: () => void = () => {};
  let gate = new Promise<void>(resolve => (release = resolve));
  let grafanaAnswer: Sourced<GrafanaDashboards> = noDashboards;
  const service = new CostService({
    reader: {
      read: async cluster => {
        reads.push(cluster);
        await gate;
        return opsFacts(cluster);
      },
    },
    grafana: {
      collect: async () => {
        grafanaReads++;
        return grafanaAnswer;
      },
    },
    datasources: [],
    cacheSeconds: 60,
    usageTtlSeconds: 600,
    budget: new RefreshBudget(options.perUserPerMinute ?? 6, () => now),
    now: () => now,
  });
  return {
    service,
    reads,
    grafanaReads: () => grafanaReads,
    release: () => release(),
    block: () => {
      gate = new Promise<void>(resolve => (release = resolve));
    },
    failGrafana: () => {
      grafanaAnswer = { ok: false, reason: 'Grafana /api/search: HTTP 502' };
    },
    healGrafana: () => {
      grafanaAnswer = noDashboards;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CostService', () => {
  it('shares one read between concurrent callers, then serves it from the cache', async () => {
    const t = setUp();
    const callers = Array.from({ length: 50 }, (_, i) =>
      t.service.cost('blue', `user:default/u${i % 5}`),
    );
    t.release();
    const answers = await Promise.all(callers);
    expect(t.reads).toEqual(['blue']);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0].proposal).toMatchObject({ keptNames: ['up'] });
    t.advance(59_000);
    await t.service.cost('blue', 'user:default/u1');
    expect(t.reads).toEqual(['blue']);
    t.advance(2_000);
    await t.service.cost('blue', 'user:default/u1');
    expect(t.reads).toEqual(['blue', 'blue']);
  });

  it('keeps answers per cluster', async () => {
    const t = setUp();
    t.release();
    await t.service.cost('blue', 'user:default/a');
    await t.service.cost('green', 'user:default/a');
    await t.service.cost('blue', 'user:default/a');
    expect(t.reads).toEqual(['blue', 'green']);
  });

  it('spends a user budget only on reads it starts; past it, says when to retry', async () => {
    const t = setUp({ perUserPerMinute: 2 });
    t.release();
    await t.service.cost('a', 'user:default/x');
    await t.service.cost('b', 'user:default/x');
    // Kept answers are free.
    await t.service.cost('a', 'user:default/x');
    await expect(t.service.cost('c', 'user:default/x')).rejects.toThrow(
      CostBudgetExceeded,
    );
    await expect(t.service.cost('c', 'user:default/x')).rejects.toMatchObject({
      retryAfterSeconds: 60,
    });
    // Another user is not held back.
    await t.service.cost('c', 'user:default/y');
    expect(t.reads).toEqual(['a', 'b', 'c']);
  });

  it('reads Grafana once per usage TTL for every cluster, and retries a failed read', async () => {
    const t = setUp();
    t.release();
    await t.service.cost('a', 'user:default/x');
    await t.service.cost('b', 'user:default/x');
    expect(t.grafanaReads()).toBe(1);
    t.advance(601_000);
    t.failGrafana();
    const failed = await t.service.cost('a', 'user:default/x');
    expect(failed.notes).toContain('Grafana /api/search: HTTP 502');
    expect(failed.proposal).toBeUndefined();
    t.healGrafana();
    t.advance(61_000);
    await t.service.cost('a', 'user:default/x');
    expect(t.grafanaReads()).toBe(3);
  });
});
