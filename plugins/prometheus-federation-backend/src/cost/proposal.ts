/**
 * The narrowest `match[]` for one cluster that keeps every used series, and what it saves.
 *
 * Form: one selector, `{__name__=~"a|b|c"}`, exact names escaped and sorted, plus the regexes the
 * queries themselves use. /federate unions its match[] selectors, so one alternation selects the
 * same series as one selector per name, reads as one line in review, and costs one index lookup
 * per name instead of one query per selector. A query that selects every name keeps match-all.
 */
import { escapeRegex } from './promqlNames';
import { patternsAccept } from './nameMatch';
import {
  ClusterVolume,
  MetricUsage,
  NarrowingProposal,
  VolumeFigures,
} from './types';

export const MATCH_ALL = '{__name__=~".+"}';

/** Always federated: ops alerts on `up`, and the backend's own checks read the http metrics. */
export const ALWAYS_KEPT = [
  'up',
  'http_requests_total',
  'http_request_duration_seconds_bucket',
  'http_request_duration_seconds_count',
  'http_request_duration_seconds_sum',
];

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function scaled(value: number | undefined, share: number): number | undefined {
  return value === undefined ? undefined : Math.round(value * share);
}

/** The patterns to keep: the always-kept names, every used exact name, every used regex. */
export function keepPatterns(
  usage: MetricUsage,
  alwaysKept = ALWAYS_KEPT,
): string[] {
  const patterns = new Set<string>(usage.keepPatterns);
  for (const name of [...alwaysKept, ...usage.names]) {
    patterns.add(escapeRegex(name));
  }
  return [...patterns].sort();
}

/** The selector, quoted for PromQL: `"` and `\` escaped inside the regex string. */
export function narrowSelector(patterns: string[]): string {
  const regex = patterns.join('|').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `{__name__=~"${regex}"}`;
}

export function proposeNarrowing(
  usage: MetricUsage,
  volume: ClusterVolume,
  alwaysKept = ALWAYS_KEPT,
): NarrowingProposal {
  const names = Object.keys(volume.seriesByName).sort();
  const before: VolumeFigures = {
    series: sum(Object.values(volume.seriesByName)),
    samplesPerScrape: volume.samplesPerScrape,
    bodyBytes: volume.bodyBytes,
  };
  if (usage.selectsEverything.length > 0) {
    return {
      cluster: volume.cluster,
      selectors: [MATCH_ALL],
      narrowed: false,
      reason: `kept match-all: ${usage.selectsEverything[0]} selects every metric name`,
      keptNames: names,
      droppedNames: [],
      before,
      after: before,
      savedPercent: 0,
    };
  }
  const patterns = keepPatterns(usage, alwaysKept);
  const keptNames = names.filter(n => patternsAccept(patterns, n));
  const droppedNames = names.filter(n => !patternsAccept(patterns, n));
  const series = sum(keptNames.map(n => volume.seriesByName[n]));
  // Each federated series is one sample per scrape and about the same bytes: scale by series.
  const share = before.series > 0 ? series / before.series : 1;
  return {
    cluster: volume.cluster,
    selectors: [narrowSelector(patterns)],
    narrowed: true,
    reason:
      'one selector: the names rules and dashboards use, up and the http metrics the portal checks',
    keptNames,
    droppedNames,
    before,
    after: {
      series,
      samplesPerScrape: scaled(before.samplesPerScrape, share),
      bodyBytes: scaled(before.bodyBytes, share),
    },
    savedPercent:
      before.series > 0
        ? Math.round((1000 * (before.series - series)) / before.series) / 10
        : 0,
  };
}
