import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ONBOARDING_PR_ANNOTATION,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { setOnboardingLink } from '../editors/onboardingLink';
import { FederationEditError } from '../errors';
import { validateClusterName, validateRepoPath } from '../validation/inputs';
import { repoReader } from '../workspace/repoReader';
import { writeAllOrNothing } from '../workspace/writeAllOrNothing';
import { examples } from './linkOnboarding.examples';
import { repoPathField } from './schemaFields';

export const LINK_ACTION_ID = 'prometheus-federation:onboarding:link';

const blank = (v: string | undefined) =>
  v === undefined || v.trim() === '' ? undefined : v.trim();

/**
 * Creates `prometheus-federation:onboarding:link`: writes the pull request's link into the
 * cluster's catalog file in the workspace, so that the onboarding tracker can follow it once the
 * entity is in the catalog. Runs after the publish step, the only one that knows the link.
 */
export function createLinkOnboardingAction() {
  return createTemplateAction({
    id: LINK_ACTION_ID,
    description: `Sets the annotation ${ONBOARDING_PR_ANNOTATION} on the cluster's catalog file in the workspace (a no-op when it already has this link)`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z => z.string().describe('The leaf cluster'),
        pullRequestUrl: z =>
          z
            .string()
            .describe(
              'The pull request that adds it (publish:github:pull-request output remoteUrl)',
            ),
        repoPath: repoPathField,
        catalogEntityPath: z =>
          z
            .string()
            .optional()
            .describe(
              'The catalog file in the repository (default catalog/clusters/<cluster>.yaml)',
            ),
      },
      output: {
        changed: z => z.boolean().describe('Whether the catalog file changed'),
        path: z => z.string().describe('The catalog file in the repository'),
      },
    },
    async handler(ctx) {
      const cluster = String(ctx.input.cluster ?? '');
      validateClusterName(cluster);
      const url = String(ctx.input.pullRequestUrl ?? '').trim();
      if (!/^https?:\/\/[^\s/]+\/\S+$/.test(url))
        throw new InputError(
          `Invalid pullRequestUrl ${JSON.stringify(
            url,
          )}: give the link the publish step returned, such as https://github.com/acme/infrastructure/pull/12`,
        );
      const repoPath = blank(ctx.input.repoPath) ?? '.';
      if (repoPath !== '.') validateRepoPath(repoPath, 'repoPath');
      const file =
        blank(ctx.input.catalogEntityPath) ??
        repositoryLayout(cluster).catalogEntity;
      validateRepoPath(file, 'catalogEntityPath');

      const root = resolveSafeChildPath(ctx.workspacePath, repoPath);
      const content = await repoReader(root).read(file);
      if (content === undefined)
        throw new InputError(
          `catalogEntityPath ${file} is not in the workspace folder ${repoPath}: the add step writes it only with catalogOwner set (the template's "Also add a catalog entity")`,
        );
      let result;
      try {
        result = setOnboardingLink(content, { cluster, pullRequestUrl: url });
      } catch (error) {
        throw new FederationEditError(file, error);
      }
      const changed = result.status !== 'unchanged';
      if (!changed) ctx.logger.info(`${file}: already links ${url}`);
      else if (ctx.isDryRun)
        ctx.logger.info(`Dry run: ${file} would link ${url}`);
      else {
        await writeAllOrNothing(root, [
          { path: file, content: result.content },
        ]);
        ctx.logger.info(
          `${file}: ${ONBOARDING_PR_ANNOTATION} set to ${url}${
            result.notes ? ` (${result.notes.join('; ')})` : ''
          }`,
        );
      }
      ctx.output('changed', changed);
      ctx.output('path', file);
    },
  });
}
