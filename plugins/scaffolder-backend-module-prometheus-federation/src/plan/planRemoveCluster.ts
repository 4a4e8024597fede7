import {
  federateJobName,
  httpRoutePath,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { removeClusterFromAlertRules } from '../editors/alertRules';
import { removeScrapeJob } from '../editors/removeScrapeJob';
import { removeSecurityRule } from '../editors/removeSecurityRule';
import type { RemoveClusterInput } from '../validation/removeClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import { checkHcl } from './checkHcl';
import { createPlanner, FileChange } from './planner';

/**
 * The reverse of planAddCluster, in memory: the leaf's Ingress or HTTPRoute and catalog file
 * deleted, its security group rule, federate job and alert-rule entries taken out.
 */
export async function planRemoveCluster(
  input: RemoveClusterInput,
  repo: RepoReader,
): Promise<FileChange[]> {
  const paths = {
    ...repositoryLayout(input.cluster),
    httpRoute: httpRoutePath(input.cluster),
    ...input.paths,
  };
  const planner = createPlanner(repo);
  await planner.remove('ingress', paths.ingress);
  await planner.remove('httpRoute', paths.httpRoute);
  await planner.edit('terraform', paths.terraform, true, async content => {
    await checkHcl(content!, 'The file');
    const result = removeSecurityRule(content!, input.cluster);
    if (result.status !== 'unchanged')
      await checkHcl(result.content, 'The edited file');
    return result;
  });
  await planner.edit('scrapeConfigs', paths.scrapeConfigs, true, content =>
    removeScrapeJob(content!, federateJobName(input.cluster)),
  );
  if (input.updateAlertRules) {
    await planner.edit('alertRules', paths.alertRules, true, content =>
      removeClusterFromAlertRules(content!, input.cluster),
    );
  }
  await planner.remove('catalogEntity', paths.catalogEntity);
  return planner.changes;
}
