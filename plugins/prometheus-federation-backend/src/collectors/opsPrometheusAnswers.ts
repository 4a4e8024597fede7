/** The shapes of ops Prometheus' API answers, and what the collector keeps of them. */
import { parse as parseYaml } from 'yaml';
import {
  ClusterSeries,
  PromAlert,
  PromAlertRule,
  PromTarget,
  ScrapeJobConfig,
  Sourced,
} from './types';

/** One sample of an instant vector query. */
export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface RawTarget {
  labels: Record<string, string>;
  scrapePool: string;
  scrapeUrl: string;
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  health: 'up' | 'down' | 'unknown';
  scrapeInterval: string;
  scrapeTimeout: string;
}

export interface RawRuleGroup {
  name: string;
  rules: Array<{
    type: string;
    name: string;
    query: string;
    health: string;
    lastError?: string;
  }>;
}

/**
 * A map keyed by upstream data (label values, job and cluster names): no prototype, so that
 * `__proto__`, `constructor` or `toString` are plain keys, never inherited members.
 */
export function dataMap<T>(): Record<string, T> {
  return Object.create(null);
}

/** Label sets as data: string values only, copied into a null-prototype map. */
export function labelsOf(raw: unknown): Record<string, string> {
  const out = dataMap<string>();
  if (raw && typeof raw === 'object')
    for (const [k, v] of Object.entries(raw))
      if (typeof v === 'string') out[k] = v;
  return out;
}

/** An array the answer must carry; anything else is a malformed answer (this source fails). */
export function arrayOf<T>(raw: unknown, what: string): T[] {
  if (!Array.isArray(raw))
    throw new Error(`malformed answer: ${what} is not a list`);
  return raw;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function parseTarget(raw: RawTarget): PromTarget {
  const labels = labelsOf(raw?.labels);
  return {
    job: labels.job ?? text(raw.scrapePool),
    instance: labels.instance ?? '',
    scrapePool: text(raw.scrapePool),
    scrapeUrl: text(raw.scrapeUrl),
    labels,
    health: raw.health,
    lastError: raw.lastError ?? '',
    lastScrape: raw.lastScrape,
    lastScrapeDuration: raw.lastScrapeDuration,
    scrapeInterval: raw.scrapeInterval,
    scrapeTimeout: raw.scrapeTimeout,
  };
}

/** `lastConfigTime` of `/api/v1/status/runtimeinfo` (whole seconds), or undefined. */
export function parseConfigLoadedAt(raw: unknown): number | undefined {
  const at = Date.parse(String(labelsOf(raw).lastConfigTime ?? '')) / 1000;
  return at > 0 ? at : undefined;
}

export function parseAlert(raw: PromAlert): PromAlert {
  return {
    labels: labelsOf(raw?.labels),
    annotations: labelsOf(raw?.annotations),
    state: raw.state,
    activeAt: typeof raw.activeAt === 'string' ? raw.activeAt : undefined,
  };
}

export function parseRules(groups: RawRuleGroup[]): PromAlertRule[] {
  return arrayOf<RawRuleGroup>(groups, 'groups').flatMap(group =>
    arrayOf<RawRuleGroup['rules'][number]>(group.rules, 'rules')
      .filter(rule => rule.type === 'alerting')
      .map(rule => ({
        group: group.name,
        name: rule.name,
        query: rule.query,
        health: rule.health,
        lastError: rule.lastError,
      })),
  );
}

export function parseScrapeJobs(yaml: string): ScrapeJobConfig[] {
  const parsed = parseYaml(yaml) as {
    scrape_configs?: Array<{
      job_name: string;
      sample_limit?: number;
      tls_config?: { insecure_skip_verify?: boolean };
    }>;
  };
  return arrayOf<{
    job_name: string;
    sample_limit?: number;
    tls_config?: { insecure_skip_verify?: boolean };
  }>(parsed?.scrape_configs ?? [], 'scrape_configs').map(job => ({
    jobName: text(job?.job_name),
    insecureSkipVerify: job.tls_config?.insecure_skip_verify === true,
    sampleLimit: job.sample_limit || undefined,
  }));
}

/** One number per value of `label`; a sample without it is skipped. */
export function byLabel(
  samples: VectorSample[],
  label: string,
): Record<string, number> {
  const out = dataMap<number>();
  for (const sample of arrayOf<VectorSample>(samples, 'result')) {
    const key = labelsOf(sample?.metric)[label];
    if (key !== undefined) out[key] = Number(sample.value?.[1]);
  }
  return out;
}

/** byLabel of a source that may have failed: an empty map then. */
export function byLabelOf(
  result: Sourced<Record<string, number>>,
): Record<string, number> {
  return result.ok ? result.value : dataMap<number>();
}

export function parseSeries(
  counts: VectorSample[],
  newest: VectorSample[],
  appLabel: string,
): Record<string, ClusterSeries> {
  const out = dataMap<ClusterSeries>();
  const entry = (cluster: string) =>
    (out[cluster] ??= { applications: dataMap(), httpSeries: 0 });
  for (const sample of arrayOf<VectorSample>(counts, 'result')) {
    const metric = labelsOf(sample?.metric);
    const cluster = metric.source_cluster;
    if (!cluster) continue;
    const n = Number(sample.value?.[1]);
    const c = entry(cluster);
    c.httpSeries += n;
    const app = metric[appLabel] ?? '';
    c.applications[app] = {
      ...c.applications[app],
      series: (c.applications[app]?.series ?? 0) + n,
    };
  }
  for (const sample of arrayOf<VectorSample>(newest, 'result')) {
    const metric = labelsOf(sample?.metric);
    const cluster = metric.source_cluster;
    if (!cluster) continue;
    const t = Number(sample.value?.[1]);
    const c = entry(cluster);
    c.newestSample = Math.max(c.newestSample ?? 0, t);
    const app = metric[appLabel] ?? '';
    const a = (c.applications[app] ??= { series: 0 });
    a.newestSample = Math.max(a.newestSample ?? 0, t);
  }
  return out;
}
