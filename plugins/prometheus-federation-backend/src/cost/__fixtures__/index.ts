/** Real-shaped answers of ops Prometheus and Grafana, for the cost tests. */
import rules from './rules.json';
import search from './search.json';
import applicationErrors from './dashboard-application-errors.json';
import federationOverview from './dashboard-federation-overview.json';
import runtime from './dashboard-runtime.json';
import appSaturation from './library-element-app-saturation.json';

export const rulesAnswer = rules;
export const searchAnswer = search;
export const dashboardAnswers = [
  applicationErrors,
  federationOverview,
  runtime,
];
export const libraryElementAnswers = { 'app-saturation': appSaturation };

/** The families a leaf's apps export (as the lab's apps do): far more than anyone reads. */
export const federatedNames = [
  'up',
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'http_request_duration_seconds_count',
  'http_request_duration_seconds_sum',
  'http_request_size_bytes_bucket',
  'http_response_size_bytes_bucket',
  'app_cache_hits_total',
  'app_cache_requests_total',
  'app_cache_evictions_total',
  'app_queue_depth',
  'app_queue_oldest_message_age_seconds',
  'app_worker_busy_ratio',
  'app_worker_count',
  'app_paused',
  'app_db_pool_connections',
  'app_db_query_duration_seconds_bucket',
  'go_gc_duration_seconds_count',
  'go_gc_duration_seconds_sum',
  'go_gc_duration_seconds',
  'go_goroutines',
  'go_threads',
  'go_memstats_heap_alloc_bytes',
  'go_memstats_heap_inuse_bytes',
  'go_memstats_alloc_bytes_total',
  'process_resident_memory_bytes',
  'process_virtual_memory_bytes',
  'process_cpu_seconds_total',
  'process_start_time_seconds',
  'process_open_fds',
  'node_load1',
  'kube_pod_info',
];
