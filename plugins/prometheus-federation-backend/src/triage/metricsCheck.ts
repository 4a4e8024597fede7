import { Check } from '@internal/plugin-prometheus-federation-common';
import { ageText, check, parseDuration, unknownFrom } from './check';
import { TriageContext } from './context';

/** The newest http sample may be this old before the series count as stale (leaf + federate intervals). */
export function staleAfterSeconds(intervalSeconds?: number): number {
  return 2 * (intervalSeconds ?? 30) + 60;
}

/** Whether http series whose newest sample is this old have stopped arriving. */
export function isStale(ageSeconds: number, intervalSeconds?: number): boolean {
  return ageSeconds > staleAfterSeconds(intervalSeconds);
}

/** 7. http series with source_cluster=<c> arrive and are fresh (the 5-minute ghost after a leaf dies). */
export function metricsCheck(ctx: TriageContext): Check {
  if (!ctx.ops.ok) return unknownFrom('metrics', ctx.ops);
  const source = ctx.ops.value.series;
  if (!source.ok) return unknownFrom('metrics', source);
  const series = source.value[ctx.name];
  const selector = ctx.options.httpMetricsSelector;
  if (!series || series.httpSeries === 0) {
    return check(
      'metrics',
      'fail',
      `No http series with source_cluster="${ctx.name}" reach ops Prometheus.`,
      [
        { label: 'Selector', value: selector },
        { label: 'Series', value: '0' },
      ],
    );
  }
  const evidence = [
    { label: 'Selector', value: selector },
    { label: 'Series', value: String(series.httpSeries) },
    {
      label: 'Applications',
      value:
        Object.keys(series.applications).filter(Boolean).sort().join(', ') ||
        '(none)',
    },
  ];
  if (series.newestSample !== undefined) {
    const age = Math.max(0, ctx.now - series.newestSample);
    evidence.push({ label: 'Newest sample age', value: ageText(age) });
    if (isStale(age, parseDuration(ctx.target?.scrapeInterval))) {
      return check(
        'metrics',
        'warn',
        `The newest http sample of ${ctx.name} is ${ageText(
          age,
        )} old: series linger for 5 minutes after a leaf stops answering.`,
        evidence,
      );
    }
  }
  return check(
    'metrics',
    'pass',
    `${series.httpSeries} http series arrive from ${ctx.name}.`,
    evidence,
  );
}
