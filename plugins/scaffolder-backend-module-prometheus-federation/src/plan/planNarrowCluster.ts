import { InputError } from '@backstage/errors';
import { federateJobName } from '@promfed/plugin-prometheus-federation-common';
import { narrowScrapeJob } from '../editors/narrowScrapeJob';
import { readInventory } from '../inventory/readInventory';
import { Inventory, placesOf } from '../inventory/types';
import type { NarrowClusterInput } from '../validation/narrowClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import { createPlanner, FileChange } from './planner';
import { refuseUnknown } from './siblingLayout';

/**
 * The cluster's federate job, wherever the inventory finds it (chart values, prometheus.yml,
 * a ScrapeConfig), with its match[] replaced.
 */
export async function planNarrowCluster(
  input: NarrowClusterInput,
  repo: RepoReader,
  inventory?: Inventory,
): Promise<FileChange[]> {
  const found = inventory ?? (await readInventory(repo));
  const jobs = placesOf(found, input.cluster, 'scrapeJob');
  if (jobs.length === 0) {
    refuseUnknown(found, 'scrapeJob');
    throw new InputError(
      `No scrape job ${federateJobName(
        input.cluster,
      )} anywhere in the repository (chart values, prometheus.yml or ScrapeConfig resources): add the cluster first`,
    );
  }
  const planner = createPlanner(repo);
  for (const file of new Set(jobs.map(p => p.file))) {
    await planner.edit('scrapeConfigs', file, true, content =>
      narrowScrapeJob(
        content!,
        federateJobName(input.cluster),
        input.selectors,
      ),
    );
  }
  return planner.changes;
}
