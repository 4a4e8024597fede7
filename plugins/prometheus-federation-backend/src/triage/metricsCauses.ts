import {
  Evidence,
  MetricsCause,
} from '@promfed/plugin-prometheus-federation-common';
import { TriageContext } from './context';

/** A metrics cause told from ops Prometheus' own data, with the evidence beside it. */
export interface MetricsFinding {
  cause: MetricsCause;
  summary: string;
  evidence: Evidence[];
}

/** The path of the target's scrape URL, or undefined when it cannot be read. */
function scrapePath(scrapeUrl: string | undefined): string | undefined {
  try {
    return scrapeUrl ? new URL(scrapeUrl).pathname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The federate job lacks `honor_labels: true`: seen in its configuration or in series whose `job`
 * arrived as `exported_job`. The series still arrive, renamed, so the check would otherwise pass.
 */
export function honorLabelsMissing(
  ctx: TriageContext,
): MetricsFinding | undefined {
  const ops = ctx.ops.ok ? ctx.ops.value : undefined;
  const renamed = ops?.renamedSeries?.[ctx.name] ?? 0;
  const configured = ctx.scrapeJob?.honorLabels === false;
  if (!configured && renamed === 0) return undefined;
  const evidence: Evidence[] = [];
  if (configured)
    evidence.push({
      label: 'honor_labels',
      value: `not set on ${ctx.job} in ops Prometheus' configuration`,
    });
  if (renamed > 0)
    evidence.push({
      label: 'Renamed series',
      value: `${renamed} with exported_job (job is ${ctx.job})`,
    });
  return {
    cause: 'honor-labels-missing',
    summary: `${ctx.job} lacks honor_labels: true: ${ctx.name}'s series arrive with job="${ctx.job}" and exported_job, so dashboards and alerts selecting the leaf's job see nothing from ${ctx.name}.`,
    evidence,
  };
}

/**
 * Why no (new) http samples arrive while the target is up, from what ops Prometheus holds, in the
 * order that explains most: the job scrapes the wrong path, match[] selects nothing, the leaf's
 * own application targets are down. Undefined when none applies.
 */
export function missingMetricsCause(
  ctx: TriageContext,
): MetricsFinding | undefined {
  const ops = ctx.ops.ok ? ctx.ops.value : undefined;
  const target = ctx.target;
  if (!ops || target?.health !== 'up') return undefined;
  const path = scrapePath(target.scrapeUrl);
  if (path !== undefined && path !== '/federate' && /\/metrics$/.test(path))
    return {
      cause: 'wrong-metrics-path',
      summary: `${ctx.job} scrapes ${path}, not /federate: ops Prometheus gets the leaf Prometheus' own metrics, none of ${ctx.name}'s applications.`,
      evidence: [{ label: 'Scrape URL', value: target.scrapeUrl }],
    };
  const samples = ops.samplesScraped[target.job];
  if (samples === 0) {
    const match = ctx.scrapeJob?.match?.join(' ') ?? '(not read)';
    return {
      cause: 'selector-selects-nothing',
      summary: `${ctx.job}'s match[] selects nothing on ${ctx.name}: its scrapes return no samples.`,
      evidence: [
        { label: 'match[]', value: match },
        { label: 'Samples per scrape', value: String(samples) },
      ],
    };
  }
  const down = ops.leafTargetsDown?.[ctx.name];
  if (down?.length)
    return {
      cause: 'application-target-down',
      summary: `The leaf Prometheus of ${ctx.name} cannot scrape ${down.join(
        ', ',
      )}: federation works, the application target is down on the leaf.`,
      evidence: [
        {
          label: 'Leaf targets down',
          value: down
            .map(job => `up{source_cluster="${ctx.name}", job="${job}"} == 0`)
            .join(', '),
        },
      ],
    };
  return undefined;
}
