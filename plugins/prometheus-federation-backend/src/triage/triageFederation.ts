import { redactScrapeUrl } from '../redact';
import {
  CLUSTER_STATES,
  ClusterState,
  ClusterStatus,
  FiringAlert,
  OpsPrometheusStatus,
  SetupWarning,
  SharedCause,
} from '@promfed/plugin-prometheus-federation-common';
import { scrapeJobOf } from '../collectors/scrapeJobConfig';
import { FederationFacts, PromAlert } from '../collectors/types';
import { ClusterOptions, FederationOptions } from '../config/options';
import { runChain } from './chain';
import { parseDuration } from './check';
import { certificateExpiresInDays } from './certificateCheck';
import { classifyScrapeError } from './classifyScrapeError';
import { TriageContext } from './context';
import { clusterLinks } from './links';
import { exposureLoadBalancer } from '../collectors/gatewayApi';
import { remediationFor } from './remediation';
import { clusterOfJob, setupLintSteps } from './setupLint';
import { runSteps, runStepsInSlices, Steps } from './steps';
import { unmanagedJobWarning } from '../discovery/discoveryWarnings';
import { chooseHeadline, opsErrorText } from './headline';
import { notFederatedRemediation } from './notFederated';
import { clusterState } from './state';
import { sharedCauses } from './sharedCauses';
import { opsNow } from './scrapeSchedule';
import { Pacer } from '../cost/pacer';

/** A triaged snapshot: the wire types without the history, which the store adds. */
export interface FederationSnapshot {
  generatedAt: string;
  opsPrometheus: OpsPrometheusStatus;
  clusters: ClusterStatus[];
  /** Causes many clusters share (sharedCauses.ts), the ops side's first, then the largest. */
  sharedCauses?: SharedCause[];
  warnings: SetupWarning[];
  /** http series per cluster and application label value, for the application (entity) view. */
  /** When ops Prometheus answered the freshness queries, on its clock: what sample ages count from. */
  opsQueriedAt?: number;
  applications?: Record<
    string,
    Record<string, { series: number; newestSample?: number }>
  >;
}

/** Pending and firing alerts about the cluster (docs/federation-setup.md#alerts). */
function alertsFor(
  alerts: PromAlert[],
  name: string,
  job: string,
): FiringAlert[] {
  return alerts
    .filter(a => a.state === 'pending' || a.state === 'firing')
    .filter(
      a =>
        a.labels.source_cluster === name ||
        a.labels.job === job ||
        a.labels.cluster === name,
    )
    .map(a => ({
      name: a.labels.alertname,
      state: a.state as 'pending' | 'firing',
      activeAt: a.activeAt,
      severity: a.labels.severity,
      summary: a.annotations.summary ?? a.annotations.description,
    }));
}

function metricsSummary(
  ctx: TriageContext,
  series?: { httpSeries: number; newestSample?: number },
) {
  if (series) {
    const newest = series.newestSample;
    return {
      httpSeries: series.httpSeries,
      newestSampleAgeSeconds:
        newest === undefined
          ? undefined
          : Math.max(0, Math.round(opsNow(ctx) - newest)),
    };
  }
  // Read, and nothing arrives: zero series. Not read: no summary.
  return ctx.ops.ok && ctx.ops.value.series.ok ? { httpSeries: 0 } : undefined;
}

/** The job's scheme, host, port and path, asking for `up` only: what a person runs by hand. */
function federateUrl(planned: string | undefined): string | undefined {
  if (!planned) return undefined;
  const url = new URL(planned);
  return `${url.protocol}//${url.host}${url.pathname}?match[]=up`;
}

export function triageCluster(
  ctx: TriageContext,
  warnings: SetupWarning[],
): ClusterStatus {
  const remediationTarget = {
    cluster: ctx.name,
    host: ctx.cluster?.host,
    federateUrl: federateUrl(ctx.facts.probePlan?.url),
    certificate: ctx.cluster?.certificate,
    ingress: ctx.cluster?.ingress,
    httpRoute:
      ctx.cluster?.exposure === 'gateway' ||
      exposureLoadBalancer(ctx.facts.kubernetes).via === 'Gateway'
        ? ctx.cluster?.httpRoute
        : undefined,
    nodeSecurityGroupId: ctx.cluster?.aws?.nodeSecurityGroupId,
    scrapePool: ctx.target?.scrapePool,
  };
  const checks = runChain(ctx).map(c => {
    if (c.result !== 'fail' && c.result !== 'warn') return c;
    // A check that names its own remediation keeps it (the HTTPRoute's, for the exposure check).
    const remediation =
      c.remediation ??
      (c.id === 'target' && !ctx.target
        ? notFederatedRemediation(ctx.name, ctx.job)
        : remediationFor(c.id, remediationTarget, c.cause));
    return { ...c, remediation };
  });
  const state = clusterState(ctx.ops.ok, ctx.target, checks);
  const { headline, remediation } = chooseHeadline(ctx.ops, ctx.target, checks);
  const ops = ctx.ops.ok ? ctx.ops.value : undefined;
  const target = ctx.target;
  const series = ops?.series.ok ? ops.series.value[ctx.name] : undefined;
  const securityGroup = checks.find(c => c.id === 'security-group')!;
  const lastScrape = target ? Date.parse(target.lastScrape) / 1000 : NaN;

  return {
    name: ctx.name,
    state,
    configured: !!ctx.cluster,
    // Unknown is not false: without ops Prometheus nobody knows.
    federated: ctx.ops.ok ? !!target : undefined,
    headline,
    target: target
      ? {
          job: target.job,
          health: target.health,
          lastError: target.lastError,
          cause: classifyScrapeError(target.lastError),
          lastScrape: target.lastScrape,
          lastScrapeAgeSeconds:
            lastScrape > 0
              ? Math.max(0, Math.round(ctx.now - lastScrape))
              : undefined,
          scrapeDurationSeconds:
            ops?.scrapeDuration[target.job] ?? target.lastScrapeDuration,
          scrapeTimeoutSeconds: parseDuration(target.scrapeTimeout),
          scrapeIntervalSeconds: parseDuration(target.scrapeInterval),
          samplesScraped: ops?.samplesScraped[target.job],
          seriesAdded: ops?.seriesAdded[target.job],
          scrapeUrl: redactScrapeUrl(target.scrapeUrl),
        }
      : undefined,
    metrics: metricsSummary(ctx, series),
    certificateExpiresInDays: certificateExpiresInDays(ctx),
    securityGroupRule: securityGroup.result,
    firingAlerts: ops?.alerts.ok
      ? alertsFor(ops.alerts.value, ctx.name, ctx.job)
      : [],
    links: clusterLinks(ctx.options, ctx.name, ctx.cluster),
    entityRef: ctx.cluster?.entityRef ?? `resource:default/${ctx.name}`,
    checks,
    remediation,
    history: [],
    warnings: warnings.filter(w => w.cluster === ctx.name),
  };
}

const SEVERITY: Record<ClusterState, number> = Object.fromEntries(
  CLUSTER_STATES.map((s, i) => [s, i]),
) as Record<ClusterState, number>;

/** Facts -> checks -> state, for every configured or federated cluster. Pure. */
export function triageFederation(
  facts: FederationFacts,
  options: FederationOptions,
): FederationSnapshot {
  return runSteps(triageSteps(facts, options));
}

/**
 * The same triage in slices: the event loop, which serves every plugin's requests, is given
 * back whenever a slice has run for SLICE_MS (between clusters, and between the set-up lint's
 * targets), so 1000 clusters never hold it.
 */
export function triageFederationInSlices(
  facts: FederationFacts,
  options: FederationOptions,
  pacer = new Pacer(Infinity),
): Promise<FederationSnapshot> {
  return runStepsInSlices(triageSteps(facts, options), pacer);
}

/** The triage, pausable after each cluster. */
function* triageSteps(
  facts: FederationFacts,
  options: FederationOptions,
): Steps<FederationSnapshot> {
  const now = facts.collectedAt;
  const ops = facts.ops;
  const warnings = ops.ok ? yield* setupLintSteps(ops.value, options, now) : [];
  const targets = ops.ok ? ops.value.targets : [];
  const scrapeJobs =
    ops.ok && ops.value.scrapeJobs.ok ? ops.value.scrapeJobs.value : [];

  const names: Array<{ name: string; cluster?: ClusterOptions; job: string }> =
    options.clusters.map(c => ({
      name: c.name,
      cluster: c,
      job: c.federateJob,
    }));
  const known = new Set(options.clusters.map(c => c.federateJob));
  for (const target of targets) {
    if (known.has(target.job)) continue;
    known.add(target.job);
    let name = clusterOfJob(target.job, target.labels.source_cluster);
    // Names key the snapshot and the history: a stray source_cluster label that repeats a
    // configured name must not make two clusters of one. Fall back to the job name.
    if (names.some(n => n.name === name)) name = target.job;
    if (names.some(n => n.name === name)) continue;
    names.push({ name, job: target.job });
    // With discovery the catalog is the list of clusters: say which template adopts this one.
    if (options.discovery) warnings.push(unmanagedJobWarning(target.job, name));
  }

  // The first target of each job, as a lookup: a scan per cluster is quadratic in the fleet.
  const targetOf = new Map<string, (typeof targets)[number]>();
  for (const t of targets) if (!targetOf.has(t.job)) targetOf.set(t.job, t);
  const clusters: ClusterStatus[] = [];
  for (const { name, cluster, job } of names) {
    const target = targetOf.get(job);
    clusters.push(
      triageCluster(
        {
          name,
          cluster,
          options,
          facts: facts.clusters[name] ?? {},
          ops,
          job,
          target,
          scrapeJob: scrapeJobOf(scrapeJobs, target, job),
          now,
        },
        warnings,
      ),
    );
    yield;
  }
  clusters.sort(
    (a, b) =>
      SEVERITY[a.state] - SEVERITY[b.state] || a.name.localeCompare(b.name),
  );

  return {
    generatedAt: new Date(now * 1000).toISOString(),
    opsQueriedAt: ops.ok ? ops.value.queriedAt : undefined,
    opsPrometheus: ops.ok
      ? { reachable: true }
      : { reachable: false, error: opsErrorText(ops.reason) },
    clusters,
    sharedCauses: sharedCauses(clusters, options),
    warnings,
    applications:
      ops.ok && ops.value.series.ok
        ? Object.fromEntries(
            Object.entries(ops.value.series.value).map(([c, s]) => [
              c,
              s.applications,
            ]),
          )
        : undefined,
  };
}
