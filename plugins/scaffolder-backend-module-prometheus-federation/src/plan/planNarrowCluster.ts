import {
  federateJobName,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { narrowScrapeJob } from '../editors/narrowScrapeJob';
import type { NarrowClusterInput } from '../validation/narrowClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import { createPlanner, FileChange } from './planner';

/** One file: the scrape config, with the cluster's federate job's match[] replaced. */
export async function planNarrowCluster(
  input: NarrowClusterInput,
  repo: RepoReader,
): Promise<FileChange[]> {
  const paths = { ...repositoryLayout(input.cluster), ...input.paths };
  const planner = createPlanner(repo);
  await planner.edit('scrapeConfigs', paths.scrapeConfigs, true, content =>
    narrowScrapeJob(content!, federateJobName(input.cluster), input.selectors),
  );
  return planner.changes;
}
