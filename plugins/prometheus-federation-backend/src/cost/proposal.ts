/**
 * The narrowest `match[]` for one cluster that keeps every used series, and what it saves.
 *
 * Form: selectors of the names kept, `{__name__=~"a|b|c"}` (exact names escaped and sorted), plus
 * the regexes the queries themselves use, split to fit the narrow action's limits
 * (`matchSelectors`). /federate unions its match[] selectors. A query that selects every name, or
 * whose regex does not compile, keeps match-all. The selectors are verified from their text before
 * they are proposed (`verifySelectors`); a proposal that fails verification keeps match-all too.
 */
import { keptParts, matchSelectors } from './matchSelectors';
import { Pacer } from './pacer';
import {
  ClusterVolume,
  MetricUsage,
  NarrowingProposal,
  VolumeFigures,
} from './types';
import { verifySelectors } from './verifyProposal';

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

/** What to keep: the always-kept names, every used name, every used regex. */
export function keptPatterns(usage: MetricUsage, alwaysKept = ALWAYS_KEPT) {
  return keptParts([...alwaysKept, ...usage.names], usage.keepPatterns);
}

function keepAll(
  usage: MetricUsage,
  names: string[],
  before: VolumeFigures,
  cluster: string,
  reason: string,
): NarrowingProposal {
  return {
    cluster,
    selectors: [MATCH_ALL],
    narrowed: false,
    reason,
    keptNames: names,
    droppedNames: [],
    namesByOwner: usage.namesByOwner,
    before,
    after: before,
    savedPercent: 0,
  };
}

export async function proposeNarrowing(
  usage: MetricUsage,
  volume: ClusterVolume,
  alwaysKept = ALWAYS_KEPT,
  pacer = new Pacer(),
): Promise<NarrowingProposal> {
  const names = Object.keys(volume.seriesByName).sort();
  const before: VolumeFigures = {
    series: sum(Object.values(volume.seriesByName)),
    samplesPerScrape: volume.samplesPerScrape,
    bodyBytes: volume.bodyBytes,
  };
  if (usage.selectsEverything.length > 0) {
    const invalid = usage.invalidRegexes[0];
    const why = invalid
      ? `${invalid.source} has a regex Prometheus cannot use (${invalid.error}), so it may read any name`
      : `${usage.selectsEverything[0]} selects every metric name`;
    return keepAll(
      usage,
      names,
      before,
      volume.cluster,
      `kept match-all: ${why}`,
    );
  }
  if (pacer.due()) await pacer.pause();
  const selectors = matchSelectors(keptPatterns(usage, alwaysKept));
  if (pacer.due()) await pacer.pause();
  const required = [...new Set([...alwaysKept, ...usage.names])];
  const verified = await verifySelectors(selectors, names, required, pacer);
  if (verified.problems.length > 0) {
    return keepAll(
      usage,
      names,
      before,
      volume.cluster,
      `kept match-all: the narrowed match[] failed verification (${verified.problems.join(
        '; ',
      )})`,
    );
  }
  const keptNames = verified.kept;
  const kept = new Set(keptNames);
  const droppedNames = names.filter(n => !kept.has(n));
  const series = sum(keptNames.map(n => volume.seriesByName[n]));
  // Each federated series is one sample per scrape and about the same bytes: scale by series.
  const share = before.series > 0 ? series / before.series : 1;
  return {
    cluster: volume.cluster,
    selectors,
    narrowed: true,
    reason: `${
      selectors.length === 1 ? 'one selector' : `${selectors.length} selectors`
    }: the names rules and dashboards use, up and the http metrics the portal checks`,
    keptNames,
    droppedNames,
    namesByOwner: usage.namesByOwner,
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
