/**
 * Reads what the cost of one cluster's federation needs from ops Prometheus, on request (not every
 * refresh: counting series by name touches every federated series): its series by metric name, the
 * federate job's own scrape metrics and their history, and every rule. I/O only: Grafana's
 * dashboards are read by `GrafanaCollector`, and the cost service combines, caches and shares.
 */
import { FederationOptions } from '../config/options';
import { secretsOf } from '../redact';
import { parseDuration } from '../triage/check';
import { OpsPrometheusCollector } from './opsPrometheus';
import { VectorSample } from './opsPrometheusAnswers';
import { sourced } from './sourced';
import type { CostPoint } from '@promfed/plugin-prometheus-federation-common';
import { CostFacts, ScrapeFigures, Sourced } from './types';

/** A label value inside a PromQL double-quoted string. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

const SCRAPE_METRICS =
  'scrape_samples_scraped|scrape_body_size_bytes|scrape_duration_seconds|scrape_timeout_seconds';

function scrapeFigures(samples: VectorSample[]): ScrapeFigures {
  const value = (name: string) => {
    const sample = samples.find(s => s.metric.__name__ === name);
    return sample ? Number(sample.value[1]) : undefined;
  };
  return {
    samplesPerScrape: value('scrape_samples_scraped'),
    bodyBytes: value('scrape_body_size_bytes'),
    durationSeconds: value('scrape_duration_seconds'),
    timeoutSeconds: value('scrape_timeout_seconds'),
  };
}

/** The chart's window and step: enough to read a trend, few points to draw. */
export const HISTORY_SECONDS = 6 * 3600;
export const HISTORY_STEP_SECONDS = 300;
/** A job federated for minutes has no two 5-minute points yet: its last hour, finer. */
export const RECENT_HISTORY_SECONDS = 3600;
export const RECENT_HISTORY_STEP_SECONDS = 15;

const HISTORY_METRICS =
  'scrape_duration_seconds|scrape_timeout_seconds|scrape_samples_scraped|scrape_body_size_bytes';
const HISTORY_FIELDS: Record<string, keyof Omit<CostPoint, 'at'>> = {
  scrape_duration_seconds: 'durationSeconds',
  scrape_timeout_seconds: 'timeoutSeconds',
  scrape_samples_scraped: 'series',
  scrape_body_size_bytes: 'bodyBytes',
};

/** How far back the names a cluster sent are read, for the proof after a narrowing. */
export const RECENT_NAMES_SECONDS = 6 * 3600;

/**
 * A federated sample carries the leaf's timestamp, so the newest one is up to a leaf interval plus
 * a federate interval old; three federate intervals leave room for a slow scrape. A series the
 * narrowing dropped answers instant queries for the whole 5-minute lookback, but has no sample
 * this recent once that many intervals have passed since the reload.
 */
export const FRESH_SCRAPE_INTERVALS = 3;
/** When the target does not say its interval: Prometheus' default. */
const DEFAULT_INTERVAL_SECONDS = 60;

/** The job's target as ops Prometheus scrapes it now: its scrape URL's `match[]` and its interval. */
function jobTarget(data: unknown): {
  selectors: string[];
  intervalSeconds: number;
} {
  const targets = (
    data as {
      activeTargets?: Array<{ scrapeUrl?: unknown; scrapeInterval?: unknown }>;
    }
  )?.activeTargets;
  const target = Array.isArray(targets) ? targets[0] : undefined;
  const url = target?.scrapeUrl;
  if (typeof url !== 'string') throw new Error('the job has no active target');
  const interval =
    typeof target?.scrapeInterval === 'string'
      ? parseDuration(target.scrapeInterval)
      : undefined;
  return {
    selectors: new URL(url).searchParams.getAll('match[]'),
    intervalSeconds: interval || DEFAULT_INTERVAL_SECONDS,
  };
}

interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** query_range parameters ending `now` (to the step's second, not its boundary: the newest minutes count). */
function historyRange(
  job: string,
  seconds: number,
  step: number,
  now: number,
): string {
  const end = Math.floor(now);
  return new URLSearchParams({
    query: `{__name__=~"${HISTORY_METRICS}", job=${quoted(job)}}`,
    start: String(end - seconds),
    end: String(end),
    step: String(step),
  }).toString();
}

/** One point per step, the three metrics side by side; oldest first. */
export function historyPoints(matrix: MatrixSeries[]): CostPoint[] {
  const byTime = new Map<number, CostPoint>();
  for (const series of Array.isArray(matrix) ? matrix : []) {
    const field = HISTORY_FIELDS[series.metric?.__name__];
    if (!field || !Array.isArray(series.values)) continue;
    for (const [at, raw] of series.values) {
      const value = Number(raw);
      if (!Number.isFinite(value)) continue;
      const point = byTime.get(at) ?? { at };
      point[field] = value;
      byTime.set(at, point);
    }
  }
  return [...byTime.values()].sort((a, b) => a.at - b.at);
}

/** What ops Prometheus says about one cluster's cost; the dashboards come from Grafana. */
export type OpsCostFacts = Omit<CostFacts, 'dashboards'>;

/** Every promise of `reads`, awaited together, keeping their names. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  reads: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(reads);
  const values = await Promise.all(Object.values(reads));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

export class CostReader {
  private readonly secrets: string[];
  private readonly ops: OpsPrometheusCollector;

  constructor(private readonly options: FederationOptions) {
    this.secrets = secretsOf(options);
    this.ops = new OpsPrometheusCollector(options, this.secrets);
  }

  private source<T>(name: string, run: (signal: AbortSignal) => Promise<T>) {
    const seconds = this.options.upstreamTimeoutSeconds;
    return sourced(`ops Prometheus ${name}`, seconds, this.secrets, run);
  }

  /** Every read of one cost answer; `nowSeconds` ends the history window. */
  async read(cluster: string, nowSeconds: number): Promise<OpsCostFacts> {
    const job =
      this.options.clusters.find(c => c.name === cluster)?.federateJob ??
      `federate-${cluster}`;
    const selector = `{source_cluster=${quoted(cluster)}, job!=${quoted(job)}}`;
    const target = this.source('/api/v1/targets of the job', s =>
      this.ops
        .get<unknown>(
          `/api/v1/targets?state=active&scrapePool=${encodeURIComponent(job)}`,
          s,
        )
        .then(jobTarget),
    );
    const selectors: Promise<Sourced<string[]>> = target.then(t =>
      t.ok ? { ok: true, value: t.value.selectors } : t,
    );
    // Names with a sample newer than a few federate intervals (last_over_time keeps the name):
    // unlike the instant count, this forgets what the narrowing dropped before the lookback does.
    const freshNames: Promise<Sourced<string[]>> = target.then(t =>
      t.ok
        ? this.source('/api/v1/query fresh names', s =>
            this.ops
              .query(
                `count by (__name__) (last_over_time(${selector}[${Math.ceil(
                  FRESH_SCRAPE_INTERVALS * t.value.intervalSeconds,
                )}s]))`,
                s,
              )
              .then(r => r.map(x => x.metric.__name__)),
          )
        : t,
    );
    const reads = await allOf({
      selectors,
      freshNames,
      seriesByName: this.source('/api/v1/query series by name', s =>
        this.ops
          .query(`count by (__name__) (${selector})`, s)
          .then(r =>
            Object.fromEntries(
              r.map(x => [x.metric.__name__, Number(x.value[1])]),
            ),
          ),
      ),
      scrape: this.source('/api/v1/query scrape metrics', s =>
        this.ops
          .query(`{__name__=~"${SCRAPE_METRICS}", job=${quoted(job)}}`, s)
          .then(scrapeFigures),
      ),
      // Seconds of scrape duration gained per second, over the last hour.
      durationTrend: this.source('/api/v1/query duration trend', s =>
        this.ops
          .query(`deriv(scrape_duration_seconds{job=${quoted(job)}}[1h])`, s)
          .then(r => (r.length ? Number(r[0].value[1]) : undefined)),
      ),
      rules: this.source('/api/v1/rules', s =>
        this.ops.get<unknown>('/api/v1/rules', s),
      ),
      // For the chart: people read a trend from a picture.
      history: this.source('/api/v1/query_range scrape history', async s => {
        const read = (seconds: number, step: number) =>
          this.ops
            .get<{ result: MatrixSeries[] }>(
              `/api/v1/query_range?${historyRange(
                job,
                seconds,
                step,
                nowSeconds,
              )}`,
              s,
            )
            .then(data => historyPoints(data?.result));
        const points = await read(HISTORY_SECONDS, HISTORY_STEP_SECONDS);
        return points.length > 1
          ? points
          : read(RECENT_HISTORY_SECONDS, RECENT_HISTORY_STEP_SECONDS);
      }),
      // The index only (label values over a range), not the samples.
      recentNames: this.source(
        '/api/v1/label/__name__/values recent names',
        s =>
          this.ops.get<string[]>(
            `/api/v1/label/__name__/values?${new URLSearchParams({
              'match[]': selector,
              start: String(Math.floor(nowSeconds - RECENT_NAMES_SECONDS)),
              end: String(Math.floor(nowSeconds)),
            })}`,
            s,
          ),
      ),
    });
    return { cluster, job, ...reads };
  }
}
