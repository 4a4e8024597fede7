/** The shapes of ops Prometheus' API answers, and what the collector keeps of them. */
import { parse as parseYaml } from 'yaml';
import {
  ClusterSeries,
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

export function parseTarget(raw: RawTarget): PromTarget {
  return {
    job: raw.labels.job ?? raw.scrapePool,
    instance: raw.labels.instance ?? '',
    scrapePool: raw.scrapePool,
    scrapeUrl: raw.scrapeUrl,
    labels: raw.labels,
    health: raw.health,
    lastError: raw.lastError ?? '',
    lastScrape: raw.lastScrape,
    lastScrapeDuration: raw.lastScrapeDuration,
    scrapeInterval: raw.scrapeInterval,
    scrapeTimeout: raw.scrapeTimeout,
  };
}

export function parseRules(groups: RawRuleGroup[]): PromAlertRule[] {
  return groups.flatMap(group =>
    group.rules
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
  return (parsed?.scrape_configs ?? []).map(job => ({
    jobName: job.job_name,
    insecureSkipVerify: job.tls_config?.insecure_skip_verify === true,
    sampleLimit: job.sample_limit || undefined,
  }));
}

export function byLabel(
  result: Sourced<VectorSample[]>,
  label: string,
): Record<string, number> {
  if (!result.ok) return {};
  const out: Record<string, number> = {};
  for (const sample of result.value) {
    const key = sample.metric[label];
    if (key !== undefined) out[key] = Number(sample.value[1]);
  }
  return out;
}

export function parseSeries(
  counts: VectorSample[],
  newest: VectorSample[],
  appLabel: string,
): Record<string, ClusterSeries> {
  const out: Record<string, ClusterSeries> = {};
  const entry = (cluster: string) =>
    (out[cluster] ??= { applications: {}, httpSeries: 0 });
  for (const sample of counts) {
    const cluster = sample.metric.source_cluster;
    if (!cluster) continue;
    const n = Number(sample.value[1]);
    const c = entry(cluster);
    c.httpSeries += n;
    const app = sample.metric[appLabel] ?? '';
    c.applications[app] = {
      ...c.applications[app],
      series: (c.applications[app]?.series ?? 0) + n,
    };
  }
  for (const sample of newest) {
    const cluster = sample.metric.source_cluster;
    if (!cluster) continue;
    const t = Number(sample.value[1]);
    const c = entry(cluster);
    c.newestSample = Math.max(c.newestSample ?? 0, t);
    const app = sample.metric[appLabel] ?? '';
    const a = (c.applications[app] ??= { series: 0 });
    a.newestSample = Math.max(a.newestSample ?? 0, t);
  }
  return out;
}
