import {
  buildFederateJob,
  httpRoutePath,
  KubernetesAuthProvider,
  leafHost,
  repositoryLayout,
  RepositoryFileKind,
} from '@promfed/plugin-prometheus-federation-common';
import { addClusterToAlertRules } from '../editors/alertRules';
import { buildClusterEntity } from '../editors/catalogEntity';
import { readInventory } from '../inventory/readInventory';
import { Inventory, placesOf } from '../inventory/types';
import type { AddClusterInput } from '../validation/addClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import { alertRuleFiles } from './alertRuleFiles';
import { createPlanner, FileChange } from './planner';
import { planExposure } from './planExposure';
import { planScrapeJobAdd } from './planScrapeJobAdd';
import { planSecurityRuleAdd } from './planSecurityRuleAdd';

export type { FileChange } from './planner';

/**
 * Computes every file's new content in memory, from the inputs and the repository's inventory
 * (where it federates each cluster, and in which layout); nothing is written here. A part the
 * cluster already has, in any layout, is not added again. An editor's error is wrapped with
 * the path of its file.
 */
export async function planAddCluster(
  input: AddClusterInput,
  repo: RepoReader,
  inventory?: Inventory,
): Promise<FileChange[]> {
  const found = inventory ?? (await readInventory(repo));
  const { httpRoute: _route, ...layoutPaths } = input.paths;
  const paths = { ...repositoryLayout(input.cluster), ...layoutPaths };
  const hostOf = (cluster: string) => leafHost(cluster, input.domain);
  const host = hostOf(input.cluster);
  const planner = createPlanner(repo);
  const edit = (
    kind: RepositoryFileKind,
    required: boolean,
    run: Parameters<typeof planner.edit>[3],
  ) => planner.edit(kind, paths[kind], required, run);
  const elsewhere = async (
    part: 'exposure' | 'catalogEntity',
    kind: RepositoryFileKind | 'httpRoute',
    defaults: string[],
  ) => {
    const present = placesOf(found, input.cluster, part).filter(
      p => !defaults.includes(p.file),
    );
    for (const file of new Set(present.map(p => p.file))) {
      await planner.edit(kind, file, true, content => ({
        content: content!,
        status: 'unchanged',
      }));
    }
    return present;
  };

  const routePath = input.paths.httpRoute ?? httpRoutePath(input.cluster);
  const exposed = await elsewhere('exposure', 'ingress', [
    paths.ingress,
    routePath,
  ]);
  // The catalog entity records how the leaf is exposed, wherever the repository does it.
  let exposure: 'ingress' | 'gateway' = exposed.some(p =>
    p.construct.startsWith('HTTPRoute'),
  )
    ? 'gateway'
    : 'ingress';
  if (exposed.length === 0) {
    exposure = await planExposure(
      input,
      repo,
      { ingress: paths.ingress, httpRoute: routePath },
      host,
      planner,
    );
  }

  await planSecurityRuleAdd(planner, found, input, paths.terraform);

  await planScrapeJobAdd(planner, found, {
    cluster: input.cluster,
    hostOf,
    defaultFile: paths.scrapeConfigs,
    read: file => repo.read(file),
    job: buildFederateJob({
      cluster: input.cluster,
      host,
      tls: { insecureSkipVerify: input.tls === 'insecure-skip-verify' },
      match: input.match,
      scrapeInterval: input.scrapeInterval,
      scrapeTimeout: input.scrapeTimeout,
    }),
  });

  if (input.updateAlertRules) {
    for (const file of alertRuleFiles(found, paths.alertRules)) {
      await planner.edit(
        'alertRules',
        file,
        file === paths.alertRules,
        content => addClusterToAlertRules(content!, input.cluster),
      );
    }
  }
  if (
    input.catalogOwner &&
    (await elsewhere('catalogEntity', 'catalogEntity', [paths.catalogEntity]))
      .length === 0
  ) {
    const owner = input.catalogOwner;
    await edit('catalogEntity', false, existing =>
      buildClusterEntity(
        {
          cluster: input.cluster,
          host,
          region: input.region,
          owner,
          exposure,
          // The EKS module's output when left out: unknown here, so not written.
          nodeSecurityGroupId: input.targetSecurityGroupId,
          apiServer: input.kubernetesApiServer,
          apiServerCa: input.kubernetesApiServerCa,
          authProvider: input.kubernetesAuthProvider as
            | KubernetesAuthProvider
            | undefined,
        },
        existing,
      ),
    );
  }
  return planner.changes;
}
