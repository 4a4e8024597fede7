import { ClusterCost } from '@promfed/plugin-prometheus-federation-common';
import { NOW } from './clusters';

const nowSeconds = Math.floor(NOW.getTime() / 1000);

/** 6 h at a 5-minute step: duration creeping up towards the 10 s timeout, series growing. */
function history() {
  return Array.from({ length: 73 }, (_, i) => ({
    at: nowSeconds - (72 - i) * 300,
    durationSeconds: Math.round((4 + i * 0.06) * 100) / 100,
    timeoutSeconds: 10,
    series: 52000 + i * 40,
  }));
}

/** Blue federates everything; rules and dashboards use a handful of names. */
export function blueCost(overrides: Partial<ClusterCost> = {}): ClusterCost {
  return {
    cluster: 'blue',
    job: 'federate-blue',
    volume: {
      series: 54880,
      names: 212,
      top: [
        { name: 'app_cache_entries', series: 9600, used: false },
        {
          name: 'http_request_duration_seconds_bucket',
          series: 8400,
          used: true,
        },
        { name: 'app_queue_depth', series: 4100, used: false },
        { name: 'http_requests_total', series: 1200, used: true },
        { name: 'up', series: 40, used: true },
      ],
      samplesPerScrape: 54880,
      bodyBytes: 23_400_000,
      durationSeconds: 8.32,
      timeoutSeconds: 10,
      // Nine days from NOW at this rate.
      timeoutReachedAt: nowSeconds + 9 * 86400,
    },
    usage: {
      usedNames: [
        'http_request_duration_seconds_bucket',
        'http_requests_total',
        'up',
      ],
      queries: 31,
      dashboards: 4,
      unparsable: [
        {
          source: 'dashboard "Legacy" panel "Queue" query A',
          expr: 'sum(rate(app_jobs_total[$__rate_interval]) by (queue)',
          error: 'unexpected right parenthesis',
          names: ['app_jobs_total'],
        },
      ],
      invalidRegexes: [],
      selectsEverything: [],
    },
    history: history(),
    proposal: {
      cluster: 'blue',
      selectors: [
        '{__name__=~"app_jobs_total|http_request_duration_seconds_bucket|http_requests_total|up"}',
      ],
      narrowed: true,
      reason: 'every name used by 31 rule and dashboard queries',
      keptNames: [
        'app_jobs_total',
        'http_request_duration_seconds_bucket',
        'http_requests_total',
        'up',
      ],
      droppedNames: ['app_cache_entries', 'app_queue_depth'],
      namesByOwner: [
        {
          owner: 'dashboard "Legacy"',
          names: ['app_jobs_total'],
        },
        {
          owner: 'alert prometheus-federation-health/PrometheusFederationDown',
          names: ['up'],
        },
      ],
      before: { series: 54880, samplesPerScrape: 54880, bodyBytes: 23_400_000 },
      after: { series: 9840, samplesPerScrape: 9840, bodyBytes: 4_195_000 },
      savedPercent: 82.1,
    },
    notes: [],
    ...overrides,
  };
}
