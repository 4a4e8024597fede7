import { Check, Evidence } from '@promfed/plugin-prometheus-federation-common';
import { ageText, check, parseDuration, unknownFrom } from './check';
import { TriageContext } from './context';
import {
  freshReplicas,
  isStale,
  recovering,
  STALE_INTERVALS,
  staleAfterSeconds,
} from './freshness';
import {
  honorLabelsMissing,
  MetricsFinding,
  missingMetricsCause,
} from './metricsCauses';
import { scrapeOverdue } from './scrapeSchedule';

export { isStale, staleAfterSeconds } from './freshness';

/** A failing metrics check that names its cause, the finding's evidence first. */
function failWith(finding: MetricsFinding, evidence: Evidence[]): Check {
  return check(
    'metrics',
    'fail',
    finding.summary,
    [...finding.evidence, ...evidence],
    { cause: finding.cause },
  );
}

/**
 * 7. http series with source_cluster=<c> arrive and are fresh, judged by the job's scrape
 * interval (freshness.ts), so a dead leaf stops passing within two intervals, not after the
 * 5-minute lookback; and they arrive once (two replicas behind one host double them).
 */
export function metricsCheck(ctx: TriageContext): Check {
  if (!ctx.ops.ok) return unknownFrom('metrics', ctx.ops);
  const ops = ctx.ops.value;
  const source = ops.series;
  if (!source.ok) return unknownFrom('metrics', source);
  const series = source.value[ctx.name];
  const selector = ctx.options.httpMetricsSelector;
  const honorLabels = honorLabelsMissing(ctx);
  if (!series || series.httpSeries === 0) {
    const evidence = [
      { label: 'Selector', value: selector },
      { label: 'Series', value: '0' },
    ];
    const finding = missingMetricsCause(ctx) ?? honorLabels;
    if (finding) return failWith(finding, evidence);
    return check(
      'metrics',
      'fail',
      `No http series with source_cluster="${ctx.name}" reach ops Prometheus.`,
      evidence,
    );
  }
  const interval = parseDuration(ctx.target?.scrapeInterval);
  // Ops Prometheus' clock when it answered (see opsPrometheusFreshness.ts).
  const now = ops.queriedAt ?? ctx.now;
  const evidence = [
    { label: 'Selector', value: selector },
    { label: 'Series', value: String(series.httpSeries) },
    {
      label: 'Applications',
      value:
        Object.keys(series.applications).filter(Boolean).sort().join(', ') ||
        '(none)',
    },
    {
      label: 'Stale after',
      value: `${staleAfterSeconds(interval)}s (${STALE_INTERVALS} × the ${
        ctx.target?.scrapeInterval ?? 'default'
      } scrape interval)`,
    },
  ];
  if (series.newestSample !== undefined) {
    const age = Math.max(0, now - series.newestSample);
    evidence.push({ label: 'Newest sample age', value: ageText(age) });
    const lastDownAt = ctx.target && ops.lastDownAt?.[ctx.target.job];
    if (
      ctx.target?.health === 'up' &&
      recovering(series.newestSample, lastDownAt, now, interval)
    ) {
      return check(
        'metrics',
        'unknown',
        `${ctx.job} is back up: the first new samples from ${
          ctx.name
        } are due within ${ageText(staleAfterSeconds(interval))}.`,
        evidence,
        { reason: `${ctx.job} was down ${ageText(now - lastDownAt!)} ago` },
      );
    }
    if (isStale(age, interval)) {
      const overdue = scrapeOverdue(ctx, now, interval);
      if (overdue !== undefined)
        return check(
          'metrics',
          'unknown',
          `${ctx.job} has not been scraped for ${ageText(
            Math.floor(overdue),
          )}: a reloaded job's first scrape is pending, and the metrics are judged after it.`,
          evidence,
          { reason: `no scrape of ${ctx.job} since ${ctx.target!.lastScrape}` },
        );
      const finding = missingMetricsCause(ctx);
      if (finding) return failWith(finding, evidence);
      return check(
        'metrics',
        'fail',
        // Rounded up: a 6.4s age past a 6s limit must not read "6s".
        `No new http samples from ${ctx.name} for ${ageText(
          Math.ceil(age),
        )} (stale after ${ageText(
          staleAfterSeconds(interval),
        )}): the old series still answer queries for 5 minutes.`,
        evidence,
      );
    }
  }
  if (honorLabels) return failWith(honorLabels, evidence);
  const replicas = freshReplicas(ops.replicaSamples?.[ctx.name], now, interval);
  if (replicas.length > 1) {
    evidence.push({
      label: 'prometheus_replica values',
      value: replicas.map(r => r || '(none)').join(', '),
    });
    return check(
      'metrics',
      'warn',
      `Every series from ${ctx.name} arrives ${replicas.length} times, once per leaf replica (prometheus_replica): sums and rates double.`,
      evidence,
    );
  }
  return check(
    'metrics',
    'pass',
    `${series.httpSeries} http series arrive from ${ctx.name}.`,
    evidence,
  );
}
