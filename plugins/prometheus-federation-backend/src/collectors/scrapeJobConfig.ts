/** The federate jobs of ops Prometheus' running configuration, as far as the backend uses them. */
import { parse as parseYaml } from 'yaml';
import { PromTarget, ScrapeJobConfig } from './types';

interface RawScrapeJob {
  job_name?: unknown;
  honor_labels?: unknown;
  scheme?: unknown;
  metrics_path?: unknown;
  sample_limit?: unknown;
  params?: Record<string, unknown>;
  tls_config?: {
    insecure_skip_verify?: unknown;
    server_name?: unknown;
    ca_file?: unknown;
    ca?: unknown;
  };
  basic_auth?: unknown;
  authorization?: unknown;
  bearer_token?: unknown;
  bearer_token_file?: unknown;
  oauth2?: unknown;
}

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;

function authOf(job: RawScrapeJob): ScrapeJobConfig['auth'] {
  if (job.basic_auth) return 'basic';
  if (job.authorization || job.bearer_token || job.bearer_token_file)
    return 'authorization';
  if (job.oauth2) return 'oauth2';
  return undefined;
}

/** One job: ops Prometheus prints secrets as `<secret>`, so only their presence is kept. */
export function parseScrapeJob(job: RawScrapeJob): ScrapeJobConfig {
  const match = job.params?.['match[]'];
  const tls = job.tls_config ?? {};
  const limit = Number(job.sample_limit);
  return {
    jobName: String(job.job_name ?? ''),
    // Prometheus prints the effective config: false (the default) is written out or left away.
    honorLabels: job.honor_labels === true,
    insecureSkipVerify: tls.insecure_skip_verify === true,
    sampleLimit: limit > 0 ? limit : undefined,
    scheme: job.scheme === 'http' ? 'http' : 'https',
    metricsPath: text(job.metrics_path) ?? '/metrics',
    match: Array.isArray(match) ? match.map(String) : undefined,
    serverName: text(tls.server_name),
    caFile: text(tls.ca_file),
    ca: text(tls.ca)?.includes('BEGIN CERTIFICATE') ? text(tls.ca) : undefined,
    auth: authOf(job),
  };
}

export function parseScrapeJobs(yaml: string): ScrapeJobConfig[] {
  const parsed = parseYaml(yaml) as { scrape_configs?: unknown } | null;
  const jobs = parsed?.scrape_configs;
  return Array.isArray(jobs)
    ? jobs
        .filter(j => j && typeof j === 'object')
        .map(j => parseScrapeJob(j as RawScrapeJob))
    : [];
}

/**
 * Each configuration's jobs by name, the first of a name winning (as a scan would): built once
 * per collected list, because the set-up lint and the triage look up every target's job and a
 * scan per target is quadratic in the fleet (a million comparisons in one piece at 1000).
 */
const jobsByName = new WeakMap<
  ScrapeJobConfig[],
  Map<string, ScrapeJobConfig>
>();

function indexOf(jobs: ScrapeJobConfig[]): Map<string, ScrapeJobConfig> {
  let index = jobsByName.get(jobs);
  if (!index) {
    index = new Map();
    for (const j of jobs) if (!index.has(j.jobName)) index.set(j.jobName, j);
    jobsByName.set(jobs, index);
  }
  return index;
}

/**
 * The running configuration of a target's job. A job defined by a Prometheus Operator
 * ScrapeConfig runs as the pool `scrapeConfig/<namespace>/<name>` (its `job` label comes from
 * `spec.jobName` through relabelling), so the pool is looked up first, then the job name.
 * The collected list is not changed after collection: its index is kept beside it.
 */
export function scrapeJobOf(
  jobs: ScrapeJobConfig[],
  target: Pick<PromTarget, 'scrapePool'> | undefined,
  job: string,
): ScrapeJobConfig | undefined {
  const index = indexOf(jobs);
  return (target && index.get(target.scrapePool)) ?? index.get(job);
}
