import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { federateJobName } from '@promfed/plugin-prometheus-federation-common';
import { planNarrowCluster } from '../plan/planNarrowCluster';
import { verifyNarrow } from '../plan/verifyNarrow';
import { validateNarrowClusterInput } from '../validation/narrowClusterInput';
import { repoReader } from '../workspace/repoReader';
import { writeAllOrNothing } from '../workspace/writeAllOrNothing';
import { logChanges } from './logChanges';
import { examples } from './narrowCluster.examples';
import {
  narrowClusterInputSchema,
  narrowClusterOutputSchema,
} from './narrowCluster.schema';
import { narrowPullRequestBody } from './narrowPullRequestBody';

export const NARROW_ACTION_ID = 'prometheus-federation:cluster:narrow';

/** Creates the `prometheus-federation:cluster:narrow` action. */
export function createNarrowClusterAction() {
  return createTemplateAction({
    id: NARROW_ACTION_ID,
    description:
      "Narrows a leaf cluster's federate job: replaces its match[] with the selectors given (the backend's proposal: the names ops rules and dashboards use), nothing else in the file",
    examples,
    supportsDryRun: true,
    schema: {
      input: narrowClusterInputSchema,
      output: narrowClusterOutputSchema,
    },
    async handler(ctx) {
      const input = validateNarrowClusterInput(ctx.input);
      const root = resolveSafeChildPath(ctx.workspacePath, input.repoPath);
      const repo = repoReader(root);
      const changes = await planNarrowCluster(input, repo);
      const { namesChecked } = await verifyNarrow(
        input,
        repo,
        changes.filter(c => c.status !== 'unchanged'),
      );
      const edited = changes.filter(c => c.status !== 'unchanged');
      const diff = logChanges(ctx.logger, changes);
      if (edited.length === 0) {
        ctx.logger.info(
          `Nothing to change: ${federateJobName(
            input.cluster,
          )} already has these selectors`,
        );
      } else if (ctx.isDryRun) {
        ctx.logger.info('Dry run: nothing written');
      } else {
        await writeAllOrNothing(root, edited);
      }
      ctx.output('changed', edited.length > 0);
      ctx.output('diff', diff);
      ctx.output(
        'changedFiles',
        edited.map(c => c.path),
      );
      ctx.output('jobName', federateJobName(input.cluster));
      ctx.output(
        'title',
        `Narrow the federation of cluster ${input.cluster} to the metrics in use`,
      );
      ctx.output('body', narrowPullRequestBody(input, namesChecked));
    },
  });
}
