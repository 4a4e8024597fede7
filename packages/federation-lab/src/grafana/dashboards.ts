/**
 * The dashboards the lab's Grafana serves, as Grafana stores them (schema 39): the Application
 * Errors dashboard of the set-up (filtered by source_cluster), a federation overview and a
 * runtime dashboard, with a collapsed row, a library panel and query variables. Together with the
 * ops alert rules they read a few of the families the lab's apps export.
 */
type Json = Record<string, unknown>;

const DS = { type: 'prometheus', uid: '${datasource}' };
const CLUSTER = 'source_cluster=~"$source_cluster"';

function target(expr: string, refId = 'A', extra: Json = {}): Json {
  return { datasource: DS, expr, refId, range: true, ...extra };
}

function panel(
  id: number,
  title: string,
  exprs: string[],
  y: number,
  x = 0,
): Json {
  return {
    id,
    type: 'timeseries',
    title,
    datasource: DS,
    gridPos: { h: 8, w: 12, x, y },
    fieldConfig: { defaults: { unit: 'short' }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom' } },
    targets: exprs.map((e, i) => target(e, String.fromCharCode(65 + i))),
  };
}

function queryVariable(name: string, query: string): Json {
  return {
    name,
    type: 'query',
    datasource: DS,
    definition: query,
    query: {
      query,
      refId: 'PrometheusVariableQueryEditor-VariableQuery',
      qryType: 1,
    },
    refresh: 2,
    multi: true,
    includeAll: true,
    current: { text: 'All', value: '$__all' },
  };
}

const datasourceVariable: Json = {
  name: 'datasource',
  type: 'datasource',
  query: 'prometheus',
  current: { text: 'ops-prometheus', value: 'ops-prometheus' },
};

function dashboard(
  uid: string,
  title: string,
  tags: string[],
  body: Json,
): Json {
  return {
    uid,
    title,
    tags,
    schemaVersion: 39,
    version: 3,
    time: { from: 'now-1h', to: 'now' },
    ...body,
  };
}

export const LIBRARY_PANELS: Record<string, Json> = {
  'queue-backlog': {
    uid: 'queue-backlog',
    name: 'Queue backlog',
    kind: 1,
    type: 'timeseries',
    model: {
      type: 'timeseries',
      title: 'Queue backlog',
      datasource: DS,
      libraryPanel: { uid: 'queue-backlog', name: 'Queue backlog' },
      targets: [target(`sum by (queue) (app_queue_depth{${CLUSTER}})`)],
    },
  },
};

export const DASHBOARDS: Json[] = [
  dashboard(
    'application-errors',
    'Application Errors',
    ['federation', 'applications'],
    {
      templating: {
        list: [
          datasourceVariable,
          queryVariable(
            'source_cluster',
            'label_values(up{job=~"federate-.*"}, source_cluster)',
          ),
          queryVariable(
            'application',
            `label_values(http_requests_total{${CLUSTER}}, job)`,
          ),
        ],
      },
      panels: [
        panel(
          1,
          'Error rate by application',
          [
            `sum by (job) (rate(http_requests_total{${CLUSTER}, job=~"$application", status=~"5.."}[$__rate_interval])) / sum by (job) (rate(http_requests_total{${CLUSTER}, job=~"$application"}[$__rate_interval]))`,
          ],
          0,
        ),
        panel(
          2,
          'Latency p99',
          [
            `histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{${CLUSTER}, job=~"$application"}[$__rate_interval])))`,
          ],
          0,
          12,
        ),
        {
          id: 10,
          type: 'row',
          title: 'Details',
          collapsed: true,
          gridPos: { h: 1, w: 24, x: 0, y: 8 },
          panels: [
            panel(
              3,
              'Requests by route',
              [
                `sum by (route, status) (rate(http_requests_total{source_cluster=~"\${source_cluster:regex}"}[5m]))`,
                `sum by (route) (rate(http_request_duration_seconds_sum{${CLUSTER}}[5m])) / sum by (route) (rate(http_request_duration_seconds_count{${CLUSTER}}[5m]))`,
              ],
              9,
            ),
          ],
        },
        {
          id: 4,
          gridPos: { h: 8, w: 12, x: 12, y: 9 },
          libraryPanel: { uid: 'queue-backlog', name: 'Queue backlog' },
        },
      ],
    },
  ),
  dashboard('federation-overview', 'Federation Overview', ['federation'], {
    templating: { list: [datasourceVariable] },
    panels: [
      panel(
        1,
        'Samples per federate scrape',
        ['scrape_samples_scraped{job=~"federate-.*"}'],
        0,
      ),
      panel(
        2,
        'Duration against timeout',
        [
          'max_over_time(scrape_duration_seconds{job=~"federate-.*"}[10m:1m])',
          'scrape_timeout_seconds{job=~"federate-.*"}',
        ],
        0,
        12,
      ),
      panel(3, 'Body size', ['scrape_body_size_bytes{job=~"federate-.*"}'], 8),
    ],
  }),
  dashboard('runtime', 'Runtime', ['runtime'], {
    templating: {
      list: [
        datasourceVariable,
        queryVariable('source_cluster', 'label_values(up, source_cluster)'),
      ],
    },
    panels: [
      panel(
        1,
        'Resident memory',
        [`sum by (job) (process_resident_memory_bytes{${CLUSTER}})`],
        0,
      ),
      panel(
        2,
        'Event loop lag p99',
        [`max by (job) (nodejs_eventloop_lag_p99_seconds{${CLUSTER}})`],
        0,
        12,
      ),
    ],
  }),
];
