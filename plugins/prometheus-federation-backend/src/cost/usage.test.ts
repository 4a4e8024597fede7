import {
  dashboardAnswers,
  federatedNames,
  libraryElementAnswers,
  rulesAnswer,
} from './__fixtures__';
import { libraryPanelUids } from '../collectors/grafanaLibraryPanels';
import { dashboardQueries } from './dashboardQueries';
import { ruleQueries } from './ruleQueries';
import { metricUsage } from './usage';

const libraryPanels = Object.fromEntries(
  Object.entries(libraryElementAnswers).map(([uid, a]) => [
    uid,
    a.result.model,
  ]),
);

function allQueries() {
  return [
    ...ruleQueries(rulesAnswer.data),
    ...dashboardAnswers.flatMap(a =>
      dashboardQueries(a.dashboard, { datasources: [], libraryPanels }),
    ),
  ];
}

describe('metricUsage on real rules and dashboards', () => {
  it('lists the names rules, panels, rows, library panels and variables read', async () => {
    const usage = await metricUsage(allQueries(), federatedNames);
    expect(usage.names).toEqual([
      'app_cache_hits_total',
      'app_cache_requests_total',
      'app_paused',
      'app_queue_depth',
      'app_queue_oldest_message_age_seconds',
      'app_worker_busy_ratio',
      'app_worker_count',
      'go_gc_duration_seconds_count',
      'go_gc_duration_seconds_sum',
      'go_goroutines',
      'go_memstats_heap_alloc_bytes',
      'go_memstats_heap_inuse_bytes',
      'go_threads',
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_count',
      'http_request_duration_seconds_sum',
      // The NoMetrics alert's http_request.* regex matches it too.
      'http_request_size_bytes_bucket',
      'http_requests_total',
      'process_resident_memory_bytes',
      'process_start_time_seconds',
      'process_virtual_memory_bytes',
      'scrape_body_size_bytes',
      'scrape_duration_seconds',
      'scrape_samples_post_metric_relabeling',
      'scrape_samples_scraped',
      'scrape_timeout_seconds',
      'up',
    ]);
    expect(usage.selectsEverything).toEqual([]);
    expect(usage.usedBy.app_worker_count).toEqual([
      'dashboard "Application Errors" panel "Worker saturation" query A',
    ]);
  });

  it('names an unparsable query and keeps its metrics', async () => {
    const usage = await metricUsage(allQueries(), federatedNames);
    expect(usage.unparsable).toEqual([
      expect.objectContaining({
        source:
          'dashboard "Application Errors" panel "Cache hit ratio" query A',
        names: ['app_cache_hits_total', 'app_cache_requests_total'],
      }),
    ]);
  });

  it('skips Loki panels and hidden queries, and finds library panels to fetch', async () => {
    const queries = allQueries();
    expect(queries.some(q => q.expr?.includes('|= "error"'))).toBe(false);
    expect(queries.some(q => q.expr === 'node_load1')).toBe(false);
    expect(libraryPanelUids(dashboardAnswers[0].dashboard)).toEqual([
      'app-saturation',
    ]);
  });

  it('reads only the configured ops Prometheus datasources when given', async () => {
    const runtime = dashboardAnswers[2].dashboard;
    // Panels name their datasource; variables read it from ${datasource}: kept.
    expect(
      dashboardQueries(runtime, { datasources: ['other'], libraryPanels }).map(
        q => q.source,
      ),
    ).toEqual([
      'dashboard "Runtime" variable metric',
      'dashboard "Runtime" variable gauge',
    ]);
    expect(
      dashboardQueries(runtime, {
        datasources: ['ops-prometheus'],
        libraryPanels,
      }).length,
    ).toBeGreaterThan(0);
  });

  it('counts a selector without a name as selecting everything', async () => {
    const usage = await metricUsage(
      [{ source: 'alert x', expr: 'count({source_cluster="blue"})' }],
      federatedNames,
    );
    expect(usage.selectsEverything).toEqual(['alert x']);
    expect(usage.names).toEqual(federatedNames.slice().sort());
  });
});
