import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { federateJobName } from '@promfed/plugin-prometheus-federation-common';
import { readInventory } from '../inventory/readInventory';
import { PARTS } from '../inventory/types';
import { planRemoveCluster } from '../plan/planRemoveCluster';
import { verifyEffect } from '../plan/verifyEffects';
import { validateRemoveClusterInput } from '../validation/removeClusterInput';
import { deleteFiles } from '../workspace/deleteFiles';
import { repoReader } from '../workspace/repoReader';
import { writeAllOrNothing } from '../workspace/writeAllOrNothing';
import { logChanges } from './logChanges';
import { examples } from './removeCluster.examples';
import {
  removeClusterInputSchema,
  removeClusterOutputSchema,
} from './removeCluster.schema';
import { removePullRequestBody } from './removePullRequestBody';

export const REMOVE_ACTION_ID = 'prometheus-federation:cluster:remove';

/** Creates the `prometheus-federation:cluster:remove` action. */
export function createRemoveClusterAction() {
  return createTemplateAction({
    id: REMOVE_ACTION_ID,
    description:
      'Takes a leaf cluster out of the Prometheus federation: deletes its Ingress or HTTPRoute and catalog file, removes its security group rule, its federate job and its entries in the alert rules that list clusters',
    examples,
    supportsDryRun: true,
    schema: {
      input: removeClusterInputSchema,
      output: removeClusterOutputSchema,
    },
    async handler(ctx) {
      const input = validateRemoveClusterInput(ctx.input);
      const root = resolveSafeChildPath(ctx.workspacePath, input.repoPath);
      const repo = repoReader(root);
      const before = await readInventory(repo);
      const changes = await planRemoveCluster(input, repo, before);
      const effect = await verifyEffect(
        'remove',
        input.cluster,
        repo,
        before,
        changes,
        [...PARTS],
        input.updateAlertRules,
      );
      const edited = changes.filter(
        c => c.status !== 'unchanged' && !c.deleted,
      );
      const deleted = changes.filter(c => c.deleted);
      const diff = logChanges(ctx.logger, changes);
      if (edited.length + deleted.length === 0) {
        ctx.logger.info(
          `Nothing to change: cluster ${input.cluster} is not federated`,
        );
      } else if (ctx.isDryRun) {
        ctx.logger.info('Dry run: nothing written');
      } else {
        await writeAllOrNothing(root, edited);
        await deleteFiles(
          root,
          deleted.map(c => c.path),
        );
      }
      ctx.output('changed', edited.length + deleted.length > 0);
      ctx.output('diff', diff);
      ctx.output(
        'changedFiles',
        edited.map(c => c.path),
      );
      ctx.output(
        'deletedFiles',
        deleted.map(c => c.path),
      );
      ctx.output('jobName', federateJobName(input.cluster));
      ctx.output(
        'title',
        `Remove cluster ${input.cluster} from the Prometheus federation`,
      );
      ctx.output('body', removePullRequestBody(input, changes, effect));
    },
  });
}
