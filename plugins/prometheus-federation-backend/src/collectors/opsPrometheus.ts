import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ClusterOptions, FederationOptions } from '../config/options';
import { httpGet } from './httpClient';
import {
  arrayOf,
  byLabel,
  byLabelOf,
  parseAlert,
  parseConfigLoadedAt,
  parseRules,
  parseSeries,
  parseTarget,
  RawRuleGroup,
  RawTarget,
  VectorSample,
} from './opsPrometheusAnswers';
import {
  lastDownQuery,
  parseReplicaSamples,
  replicaCounts,
  readHttpSeries,
  replicaQuery,
  HttpSeriesMemory,
} from './opsPrometheusFreshness';
import { BucketCounts } from './bucketCounts';
import {
  leafTargetsDownQuery,
  parseLeafTargetsDown,
  renamedSeriesQuery,
} from './opsPrometheusCauses';
import { federateJobRegex, isFederateJob } from './federateJobs';
import { DEFAULT_CONCURRENCY } from './limit';
import { RequestCounter } from './requestCounter';
import { parseScrapeJobs } from './scrapeJobConfig';
import { sourced } from './sourced';
import {
  ClusterSeries,
  OpsPrometheusFacts,
  PromAlert,
  ScrapeJobConfig,
  Sourced,
} from './types';

interface Envelope<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
}

/** What the probe plan needs from ops Prometheus (collectors/leafReading.ts planFor). */
export type PlanFacts = Pick<OpsPrometheusFacts, 'targets' | 'scrapeJobs'>;

/** Reads everything the triage needs from ops Prometheus in a constant number of requests. */
export class OpsPrometheusCollector {
  private readonly headers: Record<string, string> = {};
  private readonly ca?: string[];
  // Fourteen requests a refresh to one host: keep the connections (and, over https, the handshakes).
  private readonly agent: http.Agent;
  /** Aborted on stop (the backend shuts down): every read then ends at once. */
  private readonly stopped = new AbortController();
  // The running configuration rarely changes; parsing its YAML costs more than fetching it.
  private parsedConfig?: { yaml: string; jobs: ScrapeJobConfig[] };
  // What the last refresh's http series reads leave to the next (opsPrometheusFreshness.ts).
  private readonly httpSeriesMemory: HttpSeriesMemory;

  constructor(
    private readonly options: FederationOptions,
    private readonly secrets: string[],
    private readonly counter?: RequestCounter,
    clock: () => number = Date.now,
  ) {
    this.httpSeriesMemory = { names: [], buckets: new BucketCounts(clock) };
    const ops = options.opsPrometheus;
    if (ops.bearerToken)
      this.headers.Authorization = `Bearer ${ops.bearerToken}`;
    if (ops.basicAuth) {
      const pair = `${ops.basicAuth.username}:${ops.basicAuth.password}`;
      this.headers.Authorization = `Basic ${Buffer.from(pair).toString(
        'base64',
      )}`;
    }
    if (ops.caFile) this.ca = [fs.readFileSync(ops.caFile, 'utf8')];
    // Its requests in flight: concurrency.opsPrometheus.
    const maxSockets =
      options.concurrency?.opsPrometheus ?? DEFAULT_CONCURRENCY.opsPrometheus;
    this.agent = ops.url.startsWith('https:')
      ? new https.Agent({ keepAlive: true, maxSockets, ca: this.ca })
      : new http.Agent({ keepAlive: true, maxSockets });
  }

  /** On stop: ends the reads in flight, refuses new ones and closes the kept-alive sockets. */
  close(): void {
    this.stopped.abort();
    this.agent.destroy();
  }

  /** One API read; public for the cost reader, which shares the connection and credentials. */
  async get<T>(path: string, signal: AbortSignal): Promise<T> {
    this.counter?.add('opsPrometheus');
    const url = `${this.options.opsPrometheus.url}${path}`;
    const response = await httpGet(url, {
      headers: this.headers,
      ca: this.ca,
      signal: AbortSignal.any([signal, this.stopped.signal]),
      agent: this.agent,
      limitBytes: this.options.maxResponseBytes,
    });
    let envelope: Envelope<T> | undefined;
    try {
      envelope = JSON.parse(response.body);
    } catch {
      // A 200 that is not JSON is a proxy or login page, not Prometheus: say so.
      throw new Error(
        response.status === 200
          ? 'HTTP 200 answer that is not JSON (not the Prometheus API?)'
          : `HTTP ${response.status}`,
      );
    }
    if (!envelope || envelope.status !== 'success') {
      // Only the path is named: the URL may carry credentials in a proxy setup.
      const detail = envelope?.error
        ? `${envelope.errorType}: ${envelope.error}`
        : `HTTP ${response.status}`;
      // The source (`ops Prometheus /api/v1/...`) is named by the read.
      throw new Error(detail);
    }
    return envelope.data;
  }

  query(expr: string, signal: AbortSignal): Promise<VectorSample[]> {
    return this.get<{ resultType: string; result: VectorSample[] }>(
      `/api/v1/query?query=${encodeURIComponent(expr)}`,
      signal,
    ).then(data =>
      data?.resultType === 'vector' ? arrayOf(data.result, 'result') : [],
    );
  }

  private scrapeJobs(yaml: string): ScrapeJobConfig[] {
    if (this.parsedConfig?.yaml !== yaml)
      this.parsedConfig = { yaml, jobs: parseScrapeJobs(yaml) };
    return this.parsedConfig.jobs;
  }

  /**
   * `onPlan` hears the targets and the scrape jobs as soon as both are read (the probes need only
   * those), before the slower queries answer.
   */
  async collect(
    onPlan?: (facts: Sourced<PlanFacts>) => void,
    /** This refresh's clusters (with discovery, not only app-config's). */
    clusters: ClusterOptions[] = this.options.clusters,
  ): Promise<Sourced<OpsPrometheusFacts>> {
    const scope = { clusters };
    const seconds = this.options.upstreamTimeoutSeconds;
    const read = <T>(name: string, run: (signal: AbortSignal) => Promise<T>) =>
      sourced(`ops Prometheus ${name}`, seconds, this.secrets, run);
    const jobs = federateJobRegex(scope);
    const selector = this.options.httpMetricsSelector;
    const app = this.options.applicationLabel;
    const byJob = (metric: string) =>
      read(`/api/v1/query ${metric}`, s =>
        this.query(`${metric}{job=~"${jobs}"}`, s).then(r => byLabel(r, 'job')),
      );

    // Each answer is parsed inside its own read, so a malformed one fails only that source.
    const targetsRead = read('/api/v1/targets', s =>
      this.get<{ activeTargets: RawTarget[] }>(
        '/api/v1/targets?state=active',
        s,
      ).then(data =>
        arrayOf<RawTarget>(data?.activeTargets, 'activeTargets')
          .map(parseTarget)
          .filter(t => isFederateJob(t.job, scope)),
      ),
    );
    const configRead = read('/api/v1/status/config', s =>
      this.get<{ yaml: string }>('/api/v1/status/config', s).then(data =>
        this.scrapeJobs(String(data?.yaml ?? '')),
      ),
    );
    if (onPlan)
      Promise.all([targetsRead, configRead]).then(([t, c]) =>
        onPlan(
          t.ok ? { ok: true, value: { targets: t.value, scrapeJobs: c } } : t,
        ),
      );
    const [
      targets,
      alerts,
      rules,
      config,
      duration,
      samples,
      added,
      httpSeries,
      replicas,
      lastDown,
      leafDown,
      renamed,
      runtime,
    ] = await Promise.all([
      targetsRead,
      read('/api/v1/alerts', s =>
        this.get<{ alerts: PromAlert[] }>('/api/v1/alerts', s).then(data =>
          arrayOf<PromAlert>(data?.alerts, 'alerts').map(parseAlert),
        ),
      ),
      read('/api/v1/rules', s =>
        this.get<{ groups: RawRuleGroup[] }>(
          '/api/v1/rules?type=alert',
          s,
        ).then(data => parseRules(data?.groups)),
      ),
      configRead,
      byJob('scrape_duration_seconds'),
      byJob('scrape_samples_scraped'),
      byJob('scrape_series_added'),
      // Freshness (opsPrometheusFreshness.ts): the http series' own newest samples.
      read('/api/v1/query http series', s =>
        readHttpSeries(
          q => this.query(q, s),
          selector,
          app,
          this.httpSeriesMemory,
        ),
      ),
      read('/api/v1/query replicas', s =>
        this.query(replicaQuery(jobs), s).then(parseReplicaSamples),
      ),
      read('/api/v1/query federate targets down', s =>
        this.query(lastDownQuery(jobs), s).then(r => byLabel(r, 'job')),
      ),
      // Why metrics are missing (opsPrometheusCauses.ts).
      read('/api/v1/query leaf targets down', s =>
        this.query(leafTargetsDownQuery(jobs), s).then(parseLeafTargetsDown),
      ),
      read('/api/v1/query renamed series', s =>
        this.query(renamedSeriesQuery(selector), s).then(r =>
          byLabel(r, 'source_cluster'),
        ),
      ),
      // When a target never scraped may still be waiting for its first scrape (targetCheck.ts).
      read('/api/v1/status/runtimeinfo', s =>
        this.get('/api/v1/status/runtimeinfo', s).then(parseConfigLoadedAt),
      ),
    ]);

    if (!targets.ok) return targets;
    // Parsed here from two answers: a malformed one fails the series source, nothing else.
    let series: Sourced<Record<string, ClusterSeries>>;
    try {
      series = httpSeries.ok
        ? {
            ok: true,
            value: parseSeries(
              httpSeries.value.counts,
              httpSeries.value.newest,
              app,
            ),
          }
        : httpSeries;
    } catch (error) {
      series = {
        ok: false,
        reason: `ops Prometheus /api/v1/query http series: ${error}`,
      };
    }

    return {
      ok: true,
      value: {
        targets: targets.value,
        alerts,
        rules,
        scrapeJobs: config,
        scrapeDuration: byLabelOf(duration),
        samplesScraped: byLabelOf(samples),
        seriesAdded: byLabelOf(added),
        series,
        replicas: replicas.ok ? replicaCounts(replicas.value) : {},
        replicaSamples: replicas.ok ? replicas.value : undefined,
        lastDownAt: lastDown.ok ? lastDown.value : undefined,
        leafTargetsDown: leafDown.ok ? leafDown.value : undefined,
        renamedSeries: renamed.ok ? renamed.value : undefined,
        configLoadedAt: runtime.ok ? runtime.value : undefined,
        queriedAt: httpSeries.ok ? httpSeries.value.evaluatedAt : undefined,
      },
    };
  }
}
