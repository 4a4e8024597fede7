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
import { addScrapeJob } from '../editors/scrapeJobs';
import { addSecurityRule, securityRuleName } from '../editors/terraform';
import type { AddClusterInput } from '../validation/addClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import { checkHcl } from './checkHcl';
import { createPlanner, FileChange } from './planner';
import { planExposure } from './planExposure';

export type { FileChange } from './planner';

/**
 * Computes every file's new content in memory, from the inputs and the files as they are;
 * nothing is written here. An editor's error is wrapped with the path of its file.
 */
export async function planAddCluster(
  input: AddClusterInput,
  repo: RepoReader,
): Promise<FileChange[]> {
  const { httpRoute: _route, ...layoutPaths } = input.paths;
  const paths = { ...repositoryLayout(input.cluster), ...layoutPaths };
  const host = leafHost(input.cluster, input.domain);
  const planner = createPlanner(repo);
  const edit = (
    kind: RepositoryFileKind,
    required: boolean,
    run: Parameters<typeof planner.edit>[3],
  ) => planner.edit(kind, paths[kind], required, run);

  const exposure = await planExposure(
    input,
    repo,
    {
      ingress: paths.ingress,
      httpRoute: input.paths.httpRoute ?? httpRoutePath(input.cluster),
    },
    host,
    planner,
  );

  await edit('terraform', true, async content => {
    await checkHcl(content!, 'The file');
    const result = addSecurityRule(content!, {
      cluster: input.cluster,
      opsCluster: input.opsCluster,
      sourceSecurityGroupId: input.sourceSecurityGroupId,
      targetSecurityGroupId: input.targetSecurityGroupId,
    });
    if (result.status !== 'unchanged') {
      await checkHcl(
        result.content,
        `The edited file (rule ${securityRuleName(input.cluster)})`,
      );
    }
    return result;
  });

  await edit('scrapeConfigs', true, content =>
    addScrapeJob(
      content!,
      buildFederateJob({
        cluster: input.cluster,
        host,
        tls: { insecureSkipVerify: input.tls === 'insecure-skip-verify' },
        match: input.match,
        scrapeInterval: input.scrapeInterval,
        scrapeTimeout: input.scrapeTimeout,
      }),
    ),
  );

  if (input.updateAlertRules) {
    await edit('alertRules', true, content =>
      addClusterToAlertRules(content!, input.cluster),
    );
  }
  if (input.catalogOwner) {
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
