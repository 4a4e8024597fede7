import { SecurityGroupRule, Sourced } from './types';

/**
 * Each region's rules by security group, built once per refresh: the node group of every cluster
 * is then a lookup, where a scan of the region's rules per cluster is quadratic in the fleet
 * (a third of a second of the event loop at 1000 clusters).
 */
export function indexRulesByGroup(
  rulesByRegion: Record<string, Sourced<SecurityGroupRule[]>>,
): (region: string, groupId: string) => SecurityGroupRule[] {
  const index = new Map<string, Map<string, SecurityGroupRule[]>>();
  for (const [region, regional] of Object.entries(rulesByRegion)) {
    const groups = new Map<string, SecurityGroupRule[]>();
    for (const rule of regional.ok ? regional.value : []) {
      const list = groups.get(rule.groupId);
      if (list) list.push(rule);
      else groups.set(rule.groupId, [rule]);
    }
    index.set(region, groups);
  }
  return (region, groupId) => index.get(region)?.get(groupId) ?? [];
}
