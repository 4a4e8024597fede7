import { InputError } from '@backstage/errors';
import { addSecurityRule, securityRuleName } from '../editors/terraform';
import {
  addToCollection,
  readCollection,
} from '../editors/terraformCollections';
import { addModuleCall, swapClusterWord } from '../editors/terraformModules';
import type { Inventory } from '../inventory/types';
import { placesOf } from '../inventory/types';
import type { AddClusterInput } from '../validation/addClusterInput';
import { checkHcl } from './checkHcl';
import type { createPlanner } from './planner';
import { siblingLayout } from './siblingLayout';

/**
 * Plans the ops-to-leaf rule the way the siblings are written: the cluster appended to the
 * `for_each` collection, a module call like the last sibling's, or a rule resource (the
 * editor's own sibling copy). Present in any layout, nothing is added. HashiCorp's parser
 * checks the file before and after.
 */
export async function planSecurityRuleAdd(
  planner: ReturnType<typeof createPlanner>,
  inventory: Inventory,
  input: AddClusterInput,
  defaultFile: string,
) {
  const cluster = input.cluster;
  const present = placesOf(inventory, cluster, 'securityRule');
  const siblings = siblingLayout(inventory, cluster, 'securityRule');
  const layout = present[0]?.layout ?? siblings?.layout;
  const file =
    present[0]?.file ?? siblings?.places[siblings.places.length - 1].file;
  await planner.edit('terraform', file ?? defaultFile, true, async content => {
    await checkHcl(content!, 'The file');
    let result;
    if (present.length > 0 && layout !== 'terraformResource') {
      result = { content: content!, status: 'unchanged' as const };
    } else if (layout === 'terraformForEach') {
      const ref = /^(\S+)/.exec(siblings!.places[0].construct)![1];
      const collection = readCollection(content!, ref)!;
      if (collection.kind === 'map') {
        throw new InputError(
          `${ref} is a map: the entry of ${cluster} holds values only you know (its ids); add it by hand`,
        );
      }
      result = addToCollection(content!, collection, cluster, (text, from) =>
        swapClusterWord(text, from, cluster),
      );
      result.notes = [`\`${cluster}\` added to \`${ref}\``];
    } else if (layout === 'terraformModule') {
      result = addModuleCall(content!, cluster);
    } else {
      result = addSecurityRule(content!, {
        cluster,
        opsCluster: input.opsCluster,
        sourceSecurityGroupId: input.sourceSecurityGroupId,
        targetSecurityGroupId: input.targetSecurityGroupId,
      });
    }
    if (result.status !== 'unchanged') {
      await checkHcl(
        result.content,
        `The edited file (${
          layout === 'terraformForEach' || layout === 'terraformModule'
            ? cluster
            : `rule ${securityRuleName(cluster)}`
        })`,
      );
    }
    return result;
  });
}
