import { CostFacts } from '../collectors/types';
import {
  dashboardAnswers,
  federatedNames,
  libraryElementAnswers,
  rulesAnswer,
} from './__fixtures__';
import { clusterCost } from './clusterCost';

function facts(extra: Partial<CostFacts> = {}): CostFacts {
  return {
    cluster: 'blue',
    job: 'federate-blue',
    // 40 series per family, 400 for the histogram buckets nobody else reads.
    seriesByName: {
      ok: true,
      value: Object.fromEntries(
        federatedNames.map(n => [n, n.endsWith('_bucket') ? 400 : 40]),
      ),
    },
    scrape: {
      ok: true,
      value: {
        samplesPerScrape: 2720,
        bodyBytes: 734400,
        durationSeconds: 2,
        timeoutSeconds: 10,
      },
    },
    durationTrend: { ok: true, value: 0.001 },
    rules: { ok: true, value: rulesAnswer.data },
    dashboards: {
      ok: true,
      value: {
        dashboards: dashboardAnswers.map(a => a.dashboard),
        libraryPanels: {
          'app-saturation':
            libraryElementAnswers['app-saturation'].result.model,
        },
        skipped: [],
      },
    },
    ...extra,
  };
}

describe('clusterCost', () => {
  it('forecasts no timeout for a scrape far below it, whose slope is jitter', async () => {
    const quick = facts({
      scrape: {
        ok: true,
        value: {
          samplesPerScrape: 2720,
          durationSeconds: 0.05,
          timeoutSeconds: 4,
        },
      },
      durationTrend: { ok: true, value: 0.00002 },
    });
    const cost = await clusterCost(quick, {
      datasources: [],
      nowSeconds: 1000,
    });
    expect(cost.volume!.timeoutReachedAt).toBeUndefined();
  });

  it('measures volume and usage and proposes a narrower match[]', async () => {
    const cost = await clusterCost(facts(), {
      datasources: [],
      nowSeconds: 1000,
    });
    expect(cost.volume).toMatchObject({
      series: 2720,
      names: federatedNames.length,
      samplesPerScrape: 2720,
      timeoutSeconds: 10,
      // 8 s of margin at 1 ms a second.
      timeoutReachedAt: 9000,
    });
    expect(cost.volume!.top[0]).toEqual({
      name: 'app_db_query_duration_seconds_bucket',
      series: 400,
      used: false,
    });
    expect(cost.usage).toMatchObject({ queries: 28, dashboards: 3 });
    expect(cost.proposal).toMatchObject({ narrowed: true });
    expect(cost.proposal!.droppedNames).toEqual([
      'app_cache_evictions_total',
      'app_db_pool_connections',
      'app_db_query_duration_seconds_bucket',
      'go_gc_duration_seconds',
      'go_memstats_alloc_bytes_total',
      'http_response_size_bytes_bucket',
      'kube_pod_info',
      'node_load1',
      'process_cpu_seconds_total',
      'process_open_fds',
    ]);
    expect(cost.proposal!.after.bodyBytes).toBeLessThan(734400);
    expect(cost.notes).toEqual([]);
  });

  it('proposes nothing when a dashboard or the rules could not be read', async () => {
    const cost = await clusterCost(
      facts({
        rules: {
          ok: false,
          reason: 'ops Prometheus /api/v1/rules: timeout after 5 s',
        },
      }),
      { datasources: [], nowSeconds: 0 },
    );
    expect(cost.proposal).toBeUndefined();
    expect(cost.notes[0]).toContain('timeout');
  });
});
