import { collectionRef, readCollection } from '../editors/terraformCollections';
import { federationModules } from '../editors/terraformModules';
import { clusterOfRule, federationRules } from '../editors/securityRules';
import { namedValues, normaliseExpression } from '../editors/terraformBlocks';
import type { Place, UnknownShape } from './types';

/**
 * The places one Terraform file admits ops to a leaf: a rule resource per cluster (either rule
 * type), one rule with `for_each` over a list or map of clusters in a local or a variable, or a
 * module call per cluster.
 */
export function terraformPlaces(
  file: string,
  content: string,
): { places: Place[]; unknown: UnknownShape[] } {
  const places: Place[] = [];
  const unknown: UnknownShape[] = [];
  let rules;
  try {
    rules = federationRules(content).rules;
  } catch (error) {
    const inline = /inline ingress/.test((error as Error).message);
    // An unreadable file has no part: the editor that opens it names the parse error.
    return {
      places,
      unknown: [
        {
          file,
          part: inline ? 'securityRule' : undefined,
          construct: inline ? 'aws_security_group' : 'the file',
          reason: (error as Error).message,
        },
      ],
    };
  }
  const values = namedValues(content);
  for (const rule of rules) {
    if (normaliseExpression(rule.attributes.from_port, values) !== '443')
      continue;
    const construct = `${rule.type}.${rule.name}`;
    if (rule.attributes.for_each === undefined) {
      const cluster = clusterOfRule(rule);
      if (cluster) {
        places.push({
          part: 'securityRule',
          layout: 'terraformResource',
          cluster,
          file,
          construct,
          span: [rule.start, rule.end],
        });
      }
      continue;
    }
    const ref = collectionRef(rule.attributes.for_each);
    const collection = ref ? readCollection(content, ref) : undefined;
    if (!collection) {
      unknown.push({
        file,
        part: 'securityRule',
        construct: `${construct} for_each = ${rule.attributes.for_each}`,
        reason: ref
          ? `${ref} is not a list or map in this file`
          : 'only a local or variable (optionally through toset) is understood',
      });
      continue;
    }
    for (const item of collection.items) {
      places.push({
        part: 'securityRule',
        layout: 'terraformForEach',
        cluster: item.cluster,
        file,
        construct: `${collection.ref} (for_each of ${construct})`,
        span: [item.itemStart, item.itemEnd],
      });
    }
  }
  for (const call of federationModules(content)) {
    places.push({
      part: 'securityRule',
      layout: 'terraformModule',
      cluster: call.cluster,
      file,
      construct: `module.${call.block.name}`,
      span: [call.block.start, call.block.end],
    });
  }
  return { places, unknown };
}
