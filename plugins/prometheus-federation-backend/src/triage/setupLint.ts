import {
  repositoryLayout,
  SHARED_REPOSITORY_PATHS,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';
import { scrapeJobOf } from '../collectors/scrapeJobConfig';
import { OpsPrometheusFacts } from '../collectors/types';
import { FederationOptions } from '../config/options';
import { alertRuleLint } from './alertRuleLint';
import { parseDuration } from './check';
import { federateJobLintSteps } from './federateJobLint';
import { runSteps, Steps } from './steps';
import { federateJobPlace } from './federateJobPlace';
import { freshReplicas } from './freshness';

export function clusterOfJob(job: string, sourceCluster?: string): string {
  return sourceCluster ?? job.replace(/^federate-/, '');
}

/** A `scrape_duration_seconds > N` threshold, unless the rule compares with the timeout itself. */
function durationThreshold(query: string): number | undefined {
  if (!/scrape_duration_seconds/.test(query) || /scrape_timeout/.test(query))
    return undefined;
  const m = /scrape_duration_seconds[^>]*?>=?\s*([0-9.]+)/.exec(query);
  return m ? Number(m[1]) : undefined;
}

/**
 * Problems of the federation set-up itself, found in the rules, the scrape config and the series:
 * docs/federation-setup.md#traps-in-the-original-set-up.
 */
export function setupLint(
  ops: OpsPrometheusFacts,
  options: FederationOptions,
  now: number,
): SetupWarning[] {
  return runSteps(setupLintSteps(ops, options, now));
}

/** The set-up lint, pausable after each target and cluster (the triage runs it in slices). */
export function* setupLintSteps(
  ops: OpsPrometheusFacts,
  options: FederationOptions,
  now: number,
): Steps<SetupWarning[]> {
  const warnings: SetupWarning[] = [];
  // One alert rule file for every cluster: its path does not depend on the name.
  const { alertRules } = SHARED_REPOSITORY_PATHS;
  const timeouts = ops.targets
    .map(t => parseDuration(t.scrapeTimeout))
    .filter((t): t is number => t !== undefined);
  const longestTimeout = timeouts.length ? Math.max(...timeouts) : undefined;

  for (const rule of ops.rules.ok ? ops.rules.value : []) {
    const threshold = durationThreshold(rule.query);
    if (
      threshold !== undefined &&
      longestTimeout !== undefined &&
      threshold >= longestTimeout
    ) {
      warnings.push({
        id: 'latency-alert-cannot-fire',
        message: `${rule.name} fires when scrape_duration_seconds > ${threshold}, but the federate scrape timeout is ${longestTimeout}s: a scrape stops at its timeout, so the alert can never fire.`,
        remediation: `In ${alertRules}, compare the duration with the timeout, e.g. scrape_duration_seconds{job=~"federate-.*"} > 0.8 * ${longestTimeout}.`,
      });
    }
    if (rule.health === 'err') {
      warnings.push({
        id: 'alert-rule-error',
        message: `Alert rule ${rule.name} (group ${
          rule.group
        }) fails to evaluate: ${rule.lastError ?? 'unknown error'}.`,
        remediation: `Fix the rule in ${alertRules}; check it with promtool check rules.`,
      });
    }
  }

  // Per target's job, found by its scrape pool (a ScrapeConfig's) or its name.
  const configured = ops.scrapeJobs.ok ? ops.scrapeJobs.value : [];
  const seen = new Set<string>();
  for (const target of ops.targets) {
    yield;
    const job = scrapeJobOf(configured, target, target.job);
    if (!job?.insecureSkipVerify || seen.has(target.job)) continue;
    seen.add(target.job);
    const cluster = clusterOfJob(target.job, target.labels.source_cluster);
    warnings.push({
      id: 'insecure-skip-verify',
      cluster,
      message: `${target.job} sets tls_config.insecure_skip_verify: an expired or wrong certificate on ${cluster} never shows on the targets page.`,
      remediation: `In ${
        federateJobPlace(cluster, target.scrapePool).where
      }, drop insecure_skip_verify and give ca_file/server_name (the scaffolder's federate job does).`,
    });
  }

  // Replicas whose series are still fresh: a replica gone for minutes is no longer doubling.
  // Each cluster's first target, looked up once: a scan per cluster is quadratic in the fleet.
  const targetOf = new Map<string, (typeof ops.targets)[number]>();
  for (const t of ops.targets) {
    const c = t.labels.source_cluster;
    if (c !== undefined && !targetOf.has(c)) targetOf.set(c, t);
  }
  for (const [cluster, samples] of Object.entries(ops.replicaSamples ?? {})) {
    yield;
    const target = targetOf.get(cluster);
    const interval = parseDuration(target?.scrapeInterval);
    const replicas = freshReplicas(samples, ops.queriedAt ?? now, interval);
    if (replicas.length > 1) {
      warnings.push({
        id: 'replica-label-doubles-series',
        cluster,
        message: `Series from ${cluster} arrive with ${replicas.length} prometheus_replica values: two leaf replicas behind one Ingress double every series.`,
        remediation: `Federate one replica: point the leaf's Ingress at one Prometheus pod's Service, or deduplicate before federating (Thanos); dropping the label in ${
          repositoryLayout(cluster).scrapeConfigs
        } alone makes the two replicas' samples collide.`,
      });
    }
  }

  warnings.push(...(yield* federateJobLintSteps(ops, options)));
  warnings.push(
    ...alertRuleLint(ops.rules.ok ? ops.rules.value : [], [
      ...new Set(
        ops.targets.map(t => clusterOfJob(t.job, t.labels.source_cluster)),
      ),
    ]),
  );

  const jobs = new Set(ops.targets.map(t => t.job));
  for (const cluster of options.clusters) {
    yield;
    if (!jobs.has(cluster.federateJob)) {
      warnings.push({
        id: 'federate-job-missing',
        cluster: cluster.name,
        message: `${cluster.name} is configured but ops Prometheus has no ${cluster.federateJob} job.`,
        remediation: `Add the federate job to ${
          repositoryLayout(cluster.name).scrapeConfigs
        } (the scaffolder template writes it).`,
      });
    }
  }
  return warnings;
}
