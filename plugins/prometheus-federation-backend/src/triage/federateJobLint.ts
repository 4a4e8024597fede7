import {
  repositoryLayout,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';
import { OpsPrometheusFacts, PromTarget } from '../collectors/types';
import { FederationOptions } from '../config/options';
import { parseDuration } from './check';
import { scrapeJobOf } from '../collectors/scrapeJobConfig';
import { federateJobPlace } from './federateJobPlace';
import { Steps } from './steps';

const clusterOf = (t: PromTarget) =>
  t.labels.source_cluster ?? t.job.replace(/^federate-/, '');

/** Matchers that let every value through: `=~".*"`, `=~".+"`, `!=""`, `!~""`. */
const MATCH_ALL = /^[a-zA-Z_]\w*\s*(=~\s*"\.[*+]"|!=\s*""|!~\s*"")$/;

/** `{__name__=~".+"}` and its kin: a selector without a name whose matchers all match everything. */
export function isMatchAll(selector: string): boolean {
  const s = selector.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) return false;
  const matchers = s
    .slice(1, -1)
    .split(',')
    .map(m => m.trim())
    .filter(Boolean);
  return matchers.length > 0 && matchers.every(m => MATCH_ALL.test(m));
}

/**
 * The federate jobs themselves (docs/federation-setup.md#federate-jobs): a match[] that copies
 * every series, a timeout that is not below the interval, two jobs sharing one source_cluster.
 */
export function* federateJobLintSteps(
  ops: OpsPrometheusFacts,
  options: FederationOptions,
): Steps<SetupWarning[]> {
  const warnings: SetupWarning[] = [];
  const jobs = ops.scrapeJobs.ok ? ops.scrapeJobs.value : [];
  for (const target of ops.targets) {
    yield;
    const cluster = clusterOf(target);
    // Only a warning names the place: most targets have none.
    const file = () => federateJobPlace(cluster, target.scrapePool).where;
    const job = scrapeJobOf(jobs, target, target.job);
    const matchAll = job?.match?.find(isMatchAll);
    if (matchAll) {
      const samples = ops.samplesScraped[target.job];
      const added = ops.seriesAdded[target.job];
      const cost =
        samples !== undefined
          ? `${samples} series (one sample each) every ${
              target.scrapeInterval
            } scrape${added ? `, ${added} new in the last one` : ''}`
          : 'every series the leaf has, at every scrape';
      warnings.push({
        id: 'match-all-federate-selector',
        cluster,
        message: `${target.job} federates every series of ${cluster} (match[] ${matchAll}): ${cost}. Federation is meant for selected or aggregated series; the whole leaf makes large, slow scrapes.`,
        remediation: `In ${file()}, narrow match[] of ${
          target.job
        } to what ops uses: aggregated series such as '{__name__=~"job:.*"}' (recording rules), or the names the dashboards read, e.g. '${
          options.httpMetricsSelector
        }'. The proposal from the names ops rules and dashboards use, with its savings, is at the cluster's cost; the template "Narrow cluster federation" applies it.`,
        // GET /clusters/:name/cost: measured volume, usage and the narrowing proposal.
        costPath: `/clusters/${encodeURIComponent(cluster)}/cost`,
      });
    }
    if (job?.honorLabels === false) {
      warnings.push({
        id: 'honor-labels-missing',
        cluster,
        message: `${target.job} lacks honor_labels: true: ${cluster}'s series arrive with job="${target.job}" and their own job as exported_job, so dashboards and alerts that select the leaf's job see nothing, and an alert on up{job=~"federate-.*"} == 0 also matches the leaf's own targets.`,
        remediation: `In ${file()}, set honor_labels: true on ${
          target.job
        } (the scaffolder's federate job has it).`,
      });
    }
    const interval = parseDuration(target.scrapeInterval);
    const timeout = parseDuration(target.scrapeTimeout);
    if (interval && timeout && timeout >= interval) {
      warnings.push({
        id: 'scrape-timeout-not-below-interval',
        cluster,
        message: `${target.job} has scrape_timeout ${target.scrapeTimeout}, not below its scrape_interval ${target.scrapeInterval}: a slow federate scrape runs into the next one, and nothing is left to warn before it fails.`,
        remediation: `In ${file()}, set scrape_timeout of ${
          target.job
        } below scrape_interval (about 80% of it), and narrow match[] if scrapes are that slow.`,
      });
    }
  }

  const jobsByCluster = new Map<string, Set<string>>();
  for (const target of ops.targets) {
    const value = target.labels.source_cluster;
    if (!value) continue;
    const set = jobsByCluster.get(value) ?? new Set<string>();
    set.add(target.job);
    jobsByCluster.set(value, set);
  }
  for (const [cluster, set] of jobsByCluster) {
    if (set.size < 2) continue;
    const names = [...set].sort().join(', ');
    warnings.push({
      id: 'duplicate-source-cluster',
      cluster,
      message: `source_cluster="${cluster}" is set by ${set.size} federate jobs (${names}): their series mix on dashboards, alerts and in this page's checks.`,
      remediation: `In ${
        repositoryLayout(cluster).scrapeConfigs
      }, give each job its own source_cluster label, or remove the duplicate job.`,
    });
  }
  return warnings;
}
