import { InputError } from '@backstage/errors';
import {
  buildFederateJob,
  leafHost,
  repositoryLayout,
  RepositoryFileKind,
} from '@internal/plugin-prometheus-federation-common';
import { addClusterToAlertRules } from '../editors/alertRules';
import { buildClusterEntity } from '../editors/catalogEntity';
import type { EditResult, EditStatus } from '../editors/editResult';
import { buildIngress } from '../editors/ingress';
import { addScrapeJob } from '../editors/scrapeJobs';
import { addSecurityRule, securityRuleName } from '../editors/terraform';
import { FederationEditError } from '../errors';
import type { AddClusterInput } from '../validation/addClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import { checkHcl } from './checkHcl';
import { findSiblingIngress } from './siblingIngress';

/** One file the action adds or edits: its new content and whether that changes it. */
export interface FileChange {
  kind: RepositoryFileKind;
  path: string;
  status: EditStatus;
  content: string;
  /** The content before; undefined for a new file. */
  previous?: string;
  /** The file is to be deleted (content is then empty). */
  deleted?: boolean;
  /** What the editor did or could not do, for the pull request body. */
  notes?: string[];
}

/**
 * Computes every file's new content in memory, from the inputs and the files as they are;
 * nothing is written here. An editor's error is wrapped with the path of its file.
 */
export async function planAddCluster(
  input: AddClusterInput,
  repo: RepoReader,
): Promise<FileChange[]> {
  const paths = { ...repositoryLayout(input.cluster), ...input.paths };
  const host = leafHost(input.cluster, input.domain);
  const changes: FileChange[] = [];
  const edit = async (
    kind: RepositoryFileKind,
    required: boolean,
    run: (content: string | undefined) => Promise<EditResult> | EditResult,
  ) => {
    const file = paths[kind];
    const previous = await repo.read(file);
    if (previous === undefined && required) {
      throw new InputError(
        `${file}: file not found in the workspace; fetch it before this step or set its path in "paths"`,
      );
    }
    try {
      changes.push({ kind, path: file, previous, ...(await run(previous)) });
    } catch (error) {
      throw new FederationEditError(file, error);
    }
  };

  await edit('ingress', false, async existing =>
    buildIngress(
      {
        cluster: input.cluster,
        host,
        namespace: input.namespace,
        ingressClassName: input.ingressClassName,
        clusterIssuer: input.clusterIssuer,
        sibling: await findSiblingIngress(repo, paths.ingress, input),
      },
      existing,
    ),
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
          region: input.region ?? 'unknown',
          owner,
        },
        existing,
      ),
    );
  }
  return changes;
}
