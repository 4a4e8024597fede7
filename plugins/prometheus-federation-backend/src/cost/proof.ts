/**
 * Proof after a narrowing is live: every query the usage came from (each rule expression, each
 * dashboard panel target and variable) still has data for the cluster. Read by names, as usage is:
 * a query has data when each of its name selectors selects a series the cluster federates now. A
 * selector that selects none now, but selected names the cluster sent in the last hours that the
 * job's match[] no longer selects, lost its data to the narrowing: those names are the ones to add
 * back. "Now" is judged by fresh samples, not by an instant query: a dropped series answers those
 * (and rate() over it) for the 5-minute lookback after the reload. A name the job still selects, or
 * a recording rule still writes, counts while it answers at all (a slow leaf or rule interval is not
 * the narrowing's doing). Queries about names this cluster never sent (another application's
 * dashboard) are not counted. Grafana variables count as any value, as in usage: only the metric
 * name decides whether a query reads this cluster.
 */
import type {
  CostPoint,
  FederationProof,
} from '@promfed/plugin-prometheus-federation-common';
import { CostFacts } from '../collectors/types';
import { DashboardQuery } from './dashboardQueries';
import { substituteVariables } from './grafanaVariables';
import { compiledSelector, invalidMatcher, keepPattern } from './nameMatch';
import { Pacer } from './pacer';
import { parsePromql } from './promqlNames';
import { NameSelector } from './types';
import { recordedNames } from './ruleQueries';
import { usedQueries } from './usedQueries';

/** Whether the job's match[] selects a name: any of its selectors, each read from its text. */
function jobSelects(selectors: string[]): (name: string) => boolean {
  const tests = selectors
    .flatMap(s => parsePromql(s).selectors)
    .filter(s => !invalidMatcher(s))
    .map(compiledSelector);
  return name => tests.some(t => t(name));
}

/** A point within this share of the last one scrapes the same set of names (traffic varies a little). */
const SAME_REGIME = 0.1;

/**
 * What the narrowing changed, as measured: the last point of the job's history, and the last
 * point before it that scraped markedly more (the scrape just before the narrowing). Not the
 * window's first point: a job that grew since (a new leaf, traffic) would understate the saving.
 */
function measured(history: CostPoint[] | undefined) {
  const points = (history ?? []).filter(p => p.series !== undefined);
  const last = points[points.length - 1];
  if (!last) return undefined;
  const before = points
    .slice(0, -1)
    .reverse()
    .find(p => p.series! > last.series! * (1 + SAME_REGIME));
  if (!before) return undefined;
  const figures = (p: CostPoint) => ({
    series: p.series!,
    samplesPerScrape: p.series,
    bodyBytes: p.bodyBytes,
  });
  return { before: figures(before), after: figures(last) };
}

export async function federationProof(
  facts: CostFacts,
  options: { datasources: string[]; pacer?: Pacer },
): Promise<FederationProof> {
  const pacer = options.pacer ?? new Pacer();
  const read = usedQueries(facts, options.datasources);
  const notes = read.complete ? [] : [...read.notes];
  const proof: FederationProof = {
    cluster: facts.cluster,
    job: facts.job,
    selectors: facts.selectors?.ok ? facts.selectors.value : [],
    usedQueries: 0,
    withData: 0,
    lost: [],
    measured: measured(facts.history?.ok ? facts.history.value : undefined),
    notes,
  };
  for (const source of [
    facts.seriesByName,
    facts.selectors,
    facts.recentNames,
    facts.freshNames,
  ]) {
    // The fresh names are read after the job's target: its failure is that one's, said once.
    if (source && !source.ok && !notes.includes(source.reason))
      notes.push(source.reason);
  }
  if (
    !facts.seriesByName.ok ||
    !facts.selectors?.ok ||
    !facts.recentNames?.ok ||
    !facts.freshNames?.ok
  )
    return proof;
  const selects = jobSelects(facts.selectors.value);
  const recorded = facts.rules.ok
    ? recordedNames(facts.rules.value)
    : new Set<string>();
  const fresh = new Set(facts.freshNames.value);
  const kept = (n: string) => selects(n) || recorded.has(n);
  const now = [
    ...new Set([
      ...fresh,
      ...Object.keys(facts.seriesByName.value).filter(kept),
    ]),
  ];
  const answering = new Set(now);
  // Sent in the last hours, neither arriving nor selected now: what the narrowing dropped.
  const dropped = facts.recentNames.value.filter(
    n => !answering.has(n) && !kept(n),
  );
  for (const query of read.queries) {
    if (pacer.due()) await pacer.pause();
    const verdict = checkQuery(query, now, dropped);
    if (!verdict) continue;
    proof.usedQueries++;
    if (verdict.lost.length === 0) proof.withData++;
    else
      proof.lost.push({
        source: query.source,
        owner: query.owner ?? query.source,
        expr: query.expr ?? query.nameRegex ?? '',
        names: verdict.lost,
      });
  }
  return proof;
}

/** One query's verdict, or undefined when it reads nothing of this cluster. */
function checkQuery(
  query: DashboardQuery,
  now: string[],
  dropped: string[],
): { lost: string[] } | undefined {
  const selectors: NameSelector[] =
    query.nameRegex !== undefined
      ? [{ matchers: [{ op: '=~', value: query.nameRegex }] }]
      : parsePromql(substituteVariables(query.expr ?? '')).selectors;
  let reads = false;
  const lost: string[] = [];
  for (const selector of selectors) {
    // Selectors of any name, or with a regex Prometheus refuses, say nothing about this cluster.
    if (keepPattern(selector) === undefined || invalidMatcher(selector))
      continue;
    const accepts = compiledSelector(selector);
    if (now.some(accepts)) {
      reads = true;
      continue;
    }
    const gone = dropped.filter(accepts);
    if (gone.length > 0) {
      reads = true;
      lost.push(...gone);
    }
  }
  return reads ? { lost: [...new Set(lost)].sort() } : undefined;
}
