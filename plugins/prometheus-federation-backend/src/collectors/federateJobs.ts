import { FederationOptions } from '../config/options';

/** The federate jobs to look at: every `federate-*` job plus any job configured under another name. */
export function federateJobRegex(
  options: Pick<FederationOptions, 'clusters'>,
): string {
  const custom = options.clusters
    .map(c => c.federateJob)
    .filter(job => !job.startsWith('federate-'))
    .map(job => job.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return ['federate-.*', ...custom].join('|');
}

/** Whether ops Prometheus' job is one of the federate jobs. */
export function isFederateJob(
  job: string,
  options: Pick<FederationOptions, 'clusters'>,
): boolean {
  return (
    job.startsWith('federate-') ||
    options.clusters.some(c => c.federateJob === job)
  );
}
