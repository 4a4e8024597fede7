import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  federateJobName,
  leafHost,
} from '@promfed/plugin-prometheus-federation-common';
import { readInventory } from '../inventory/readInventory';
import type { Part } from '../inventory/types';
import { planAddCluster } from '../plan/planAddCluster';
import { verifyEffect } from '../plan/verifyEffects';
import { validateAddClusterInput } from '../validation/addClusterInput';
import { repoReader } from '../workspace/repoReader';
import { writeAllOrNothing } from '../workspace/writeAllOrNothing';
import { examples } from './addCluster.examples';
import {
  addClusterInputSchema,
  addClusterOutputSchema,
} from './addCluster.schema';
import { logChanges } from './logChanges';
import { pullRequestBody } from './pullRequestBody';

export const ACTION_ID = 'prometheus-federation:cluster:add';

/** The parts add gives the cluster, each exactly once; alert rules are checked per list. */
function addedParts(input: { catalogOwner?: string }): Part[] {
  return [
    'exposure',
    'securityRule',
    'scrapeJob',
    ...(input.catalogOwner ? (['catalogEntity'] as const) : []),
  ];
}

/** Creates the `prometheus-federation:cluster:add` action. */
export function createAddClusterAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Adds a leaf cluster to the Prometheus federation: its Prometheus Ingress, the ops-to-leaf security group rule, the ops federate job and the alert rules that list clusters',
    examples,
    supportsDryRun: true,
    schema: { input: addClusterInputSchema, output: addClusterOutputSchema },
    async handler(ctx) {
      const input = validateAddClusterInput(ctx.input);
      const root = resolveSafeChildPath(ctx.workspacePath, input.repoPath);
      const repo = repoReader(root);
      const before = await readInventory(repo);
      const changes = await planAddCluster(input, repo, before);
      const effect = await verifyEffect(
        'add',
        input.cluster,
        repo,
        before,
        changes,
        addedParts(input),
        input.updateAlertRules,
      );

      const changed = changes.filter(c => c.status !== 'unchanged');
      const diff = logChanges(ctx.logger, changes);
      if (changed.length === 0) {
        ctx.logger.info(
          `Nothing to change: cluster ${input.cluster} is already federated`,
        );
      } else if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: ${changed.length} file(s) would change; nothing written`,
        );
      } else {
        await writeAllOrNothing(root, changed);
      }

      const host = leafHost(input.cluster, input.domain);
      ctx.output('changed', changed.length > 0);
      ctx.output('diff', diff);
      ctx.output(
        'changedFiles',
        changed.map(c => c.path),
      );
      ctx.output(
        'unchangedFiles',
        changes.filter(c => c.status === 'unchanged').map(c => c.path),
      );
      ctx.output('jobName', federateJobName(input.cluster));
      ctx.output('host', host);
      ctx.output(
        'title',
        `Add cluster ${input.cluster} to the Prometheus federation`,
      );
      ctx.output('body', pullRequestBody(input, host, changes, effect));
    },
  });
}
