/**
 * One cluster's federation cost, from what the cost reader read: volume (series by name, samples,
 * bytes, duration against the timeout and its trend), usage by rules and dashboards, and the
 * narrowing proposal. Without the rules or a dashboard read, no proposal: it could drop a used name.
 */
import type { ClusterCost } from '@promfed/plugin-prometheus-federation-common';
import { CostFacts } from '../collectors/types';
import { Pacer, WorkBudgetExceeded } from './pacer';
import { proposeNarrowing } from './proposal';
import { usedQueries } from './usedQueries';
import { byText } from './textOrder';
import { metricUsage } from './usage';

export type { ClusterCost };

/** Names shown by volume; the proposal still counts them all. */
export const TOP_NAMES = 20;

/**
 * Below this share of its timeout a scrape is far from the cliff, and the slope of its duration
 * is jitter (a 50 ms scrape varying by 20 ms reads as seconds a day): no forecast.
 */
const MIN_TIMEOUT_SHARE_TO_FORECAST = 0.1;

function timeoutReachedAt(
  facts: CostFacts,
  nowSeconds: number,
): number | undefined {
  if (!facts.scrape.ok || !facts.durationTrend.ok) return undefined;
  const { durationSeconds, timeoutSeconds } = facts.scrape.value;
  const slope = facts.durationTrend.value;
  if (durationSeconds === undefined || timeoutSeconds === undefined)
    return undefined;
  if (slope === undefined || !(slope > 0)) return undefined;
  if (durationSeconds < MIN_TIMEOUT_SHARE_TO_FORECAST * timeoutSeconds)
    return undefined;
  return Math.round(nowSeconds + (timeoutSeconds - durationSeconds) / slope);
}

/** The names with the most series, most first: one pass, not a sort of every name. */
function topNames(
  seriesByName: Record<string, number>,
): Array<[string, number]> {
  const before = (a: [string, number], b: [string, number]) =>
    b[1] - a[1] || byText(a[0], b[0]);
  const top: Array<[string, number]> = [];
  for (const entry of Object.entries(seriesByName)) {
    if (top.length === TOP_NAMES && before(entry, top[TOP_NAMES - 1]) >= 0)
      continue;
    top.push(entry);
    top.sort(before);
    if (top.length > TOP_NAMES) top.pop();
  }
  return top;
}

export async function clusterCost(
  facts: CostFacts,
  options: { datasources: string[]; nowSeconds: number; pacer?: Pacer },
): Promise<ClusterCost> {
  try {
    return await measure(facts, options);
  } catch (e) {
    if (!(e instanceof WorkBudgetExceeded)) throw e;
    return {
      cluster: facts.cluster,
      job: facts.job,
      notes: [e.message],
    };
  }
}

async function measure(
  facts: CostFacts,
  options: { datasources: string[]; nowSeconds: number; pacer?: Pacer },
): Promise<ClusterCost> {
  const pacer = options.pacer ?? new Pacer();
  const notes: string[] = [];
  const cost: ClusterCost = { cluster: facts.cluster, job: facts.job, notes };
  const read = usedQueries(facts, options.datasources);
  const { queries, dashboards, complete } = read;
  notes.push(...read.notes);
  if (!facts.scrape.ok) notes.push(facts.scrape.reason);
  if (facts.history && !facts.history.ok) notes.push(facts.history.reason);
  else if (facts.history?.value.length) cost.history = facts.history.value;
  if (!facts.seriesByName.ok) {
    notes.push(facts.seriesByName.reason);
    return cost;
  }
  const seriesByName = facts.seriesByName.value;
  const names = Object.keys(seriesByName);
  const usage = await metricUsage(queries, names, pacer);
  if (pacer.due()) await pacer.pause();
  const used = new Set(usage.names);
  const scrape = facts.scrape.ok ? facts.scrape.value : {};
  cost.volume = {
    series: names.reduce((n, k) => n + seriesByName[k], 0),
    names: names.length,
    top: topNames(seriesByName).map(([name, series]) => ({
      name,
      series,
      used: used.has(name),
    })),
    ...scrape,
    timeoutReachedAt: timeoutReachedAt(facts, options.nowSeconds),
  };
  if (pacer.due()) await pacer.pause();
  cost.usage = {
    usedNames: usage.names.filter(n => n in seriesByName),
    queries: usage.queries,
    dashboards,
    unparsable: usage.unparsable,
    invalidRegexes: usage.invalidRegexes,
    selectsEverything: usage.selectsEverything,
  };
  if (complete) {
    if (pacer.due()) await pacer.pause();
    cost.proposal = await proposeNarrowing(
      usage,
      {
        cluster: facts.cluster,
        seriesByName,
        samplesPerScrape: scrape.samplesPerScrape,
        bodyBytes: scrape.bodyBytes,
      },
      undefined,
      pacer,
    );
    // Said in the proposal itself, so that whoever applies it sees it.
    if (!facts.dashboards) {
      cost.proposal.reason +=
        '; Grafana not read (no token): names only dashboards use are not kept';
    }
  } else {
    notes.push(
      'no proposal: usage could not be read completely, and a guess could drop a used metric',
    );
  }
  return cost;
}
