import { ConflictError, InputError } from '@backstage/errors';
import type { FederateScrapeConfig } from '@promfed/plugin-prometheus-federation-common';
import {
  sameScrapeConfig,
  scrapeConfigFromSibling,
  scrapeConfigResourceOf,
} from '../editors/scrapeConfigResource';
import { parseYaml } from '../editors/yamlText';
import { addScrapeJob } from '../editors/scrapeJobs';
import { swapClusterWord } from '../editors/terraformModules';
import type { Inventory } from '../inventory/types';
import { placesOf } from '../inventory/types';
import type { createPlanner } from './planner';
import { siblingLayout } from './siblingLayout';

/**
 * Plans the cluster's federate job where the repository keeps its siblings': present in any
 * layout, nothing is added (the job is compared, and a different one is a ConflictError); else a ScrapeConfig file like the last sibling's, or the
 * job appended to the siblings' list, or to `defaultFile` when no cluster has one yet.
 */
export async function planScrapeJobAdd(
  planner: ReturnType<typeof createPlanner>,
  inventory: Inventory,
  options: {
    cluster: string;
    hostOf: (cluster: string) => string;
    job: FederateScrapeConfig;
    defaultFile: string;
    read: (file: string) => Promise<string | undefined>;
  },
) {
  const { cluster, job } = options;
  const present = placesOf(inventory, cluster, 'scrapeJob');
  const siblings = siblingLayout(inventory, cluster, 'scrapeJob');
  if (present.length > 0) {
    for (const file of new Set(present.map(p => p.file))) {
      const layout = present.find(p => p.file === file)!.layout;
      await planner.edit('scrapeConfigs', file, true, content =>
        layout === 'scrapeConfigResource'
          ? {
              ...sameScrapeConfig(
                scrapeConfigResourceOf(parseYaml(content!, 'The file'))!,
                job,
              ),
              content: content!,
            }
          : addScrapeJob(content!, job),
      );
    }
    return;
  }
  if (siblings?.layout !== 'scrapeConfigResource') {
    const file = siblings?.places[siblings.places.length - 1].file;
    await planner.edit(
      'scrapeConfigs',
      file ?? options.defaultFile,
      true,
      content => addScrapeJob(content!, job),
    );
    return;
  }
  const sibling = siblings.places[siblings.places.length - 1];
  const file = swapClusterWord(sibling.file, sibling.cluster, cluster);
  if (file === sibling.file) {
    throw new InputError(
      `${sibling.file}: the ScrapeConfig file of ${sibling.cluster} does not have the cluster in its name, so there is no name to follow for ${cluster}'s`,
    );
  }
  const text = (await options.read(sibling.file))!;
  await planner.edit('scrapeConfigs', file, false, existing => {
    if (existing !== undefined) {
      throw new ConflictError(
        `${file} exists and does not define ${job.job_name}: change or remove it by hand`,
      );
    }
    return {
      content: scrapeConfigFromSibling(
        text,
        { cluster: sibling.cluster, host: options.hostOf(sibling.cluster) },
        { cluster, host: options.hostOf(cluster) },
        job,
      ),
      status: 'added',
      notes: [`a ScrapeConfig like \`${sibling.file}\``],
    };
  });
}
