import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';

/**
 * What a real service exports beside its http metrics: runtime metrics and many families of
 * its own (caches, queues, database, feature flags, tenants). The lab's dashboards and rules
 * read a few of them, as in the field (17-37% of series used): federation cost is measured
 * against this. Values move a little each scrape, so they are not constant series.
 */
const CACHES = ['sessions', 'courses', 'users', 'grades', 'assets'];
const QUEUES = ['emails', 'grading', 'video-transcode', 'webhooks'];
const QUERIES = [
  'select_course',
  'select_user',
  'insert_grade',
  'update_session',
  'search',
  'report',
];
const FLAGS = Array.from(
  { length: 40 },
  (_, i) => `flag_${String(i).padStart(2, '0')}`,
);
const TENANTS = Array.from(
  { length: 100 },
  (_, i) => `tenant-${String(i).padStart(3, '0')}`,
);

function wobble(base: number): number {
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

/** Registers the families on every registry given; returns what stops their updates. */
export function registerExtraFamilies(registries: Registry[]): () => void {
  for (const registry of registries)
    collectDefaultMetrics({ register: registry });
  const registers = registries;
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name, help, labelNames, registers });
  const gauge = (name: string, help: string, labelNames: string[]) =>
    new Gauge({ name, help, labelNames, registers });

  const cacheHits = counter('app_cache_hits_total', 'Cache hits', ['cache']);
  const cacheMisses = counter('app_cache_misses_total', 'Cache misses', [
    'cache',
  ]);
  const cacheEvictions = counter(
    'app_cache_evictions_total',
    'Cache evictions',
    ['cache'],
  );
  const cacheEntries = gauge('app_cache_entries', 'Entries in the cache', [
    'cache',
  ]);
  const queueDepth = gauge('app_queue_depth', 'Messages waiting', ['queue']);
  const queueAge = gauge(
    'app_queue_oldest_message_age_seconds',
    'Age of the oldest message',
    ['queue'],
  );
  const queueProcessed = counter(
    'app_queue_processed_total',
    'Messages processed',
    ['queue'],
  );
  const dbQuery = new Histogram({
    name: 'app_db_query_duration_seconds',
    help: 'Database query duration',
    labelNames: ['query'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  const dbPool = gauge('app_db_pool_connections', 'Pool connections by state', [
    'state',
  ]);
  const flags = counter(
    'app_feature_flag_evaluations_total',
    'Feature flag evaluations',
    ['flag', 'result'],
  );
  const tenantRequests = counter(
    'app_tenant_requests_total',
    'Requests by tenant',
    ['tenant'],
  );
  const tenantStorage = gauge(
    'app_tenant_storage_bytes',
    'Storage used by tenant',
    ['tenant'],
  );
  const workers = gauge('app_worker_count', 'Workers', []);
  const busy = gauge('app_worker_busy_ratio', 'Share of busy workers', []);
  const build = gauge('app_build_info', 'Build information', [
    'version',
    'commit',
  ]);
  build.set({ version: '1.14.2', commit: '3f9c2ab' }, 1);

  const tick = () => {
    for (const cache of CACHES) {
      cacheHits.inc({ cache }, wobble(50));
      cacheMisses.inc({ cache }, wobble(5));
      cacheEvictions.inc({ cache }, wobble(1));
      cacheEntries.set({ cache }, wobble(1000));
    }
    for (const queue of QUEUES) {
      queueDepth.set({ queue }, wobble(20));
      queueAge.set({ queue }, wobble(30));
      queueProcessed.inc({ queue }, wobble(10));
    }
    for (const query of QUERIES)
      dbQuery.observe({ query }, Math.random() * 0.2);
    for (const state of ['idle', 'active', 'waiting'])
      dbPool.set({ state }, wobble(8));
    for (const flag of FLAGS)
      flags.inc({ flag, result: Math.random() < 0.5 ? 'on' : 'off' });
    for (const tenant of TENANTS) {
      tenantRequests.inc({ tenant }, wobble(3));
      tenantStorage.set({ tenant }, wobble(5e8));
    }
    workers.set(8);
    busy.set(Math.random());
  };
  tick();
  const timer = setInterval(tick, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
