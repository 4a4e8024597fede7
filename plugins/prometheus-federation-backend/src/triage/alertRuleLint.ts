import {
  SHARED_REPOSITORY_PATHS,
  SetupWarning,
} from '@promfed/plugin-prometheus-federation-common';
import { PromAlertRule } from '../collectors/types';

/** `source_cluster=~"blue|green"` or `job=~"federate-blue|federate-green"`. */
const LISTED = /\b(source_cluster|job)\s*=~\s*"([^"]*)"/g;
const PLAIN_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The clusters a rule names one by one, or undefined when it uses a pattern (`federate-.*`). */
export function listedClusters(query: string): string[] | undefined {
  let listed: string[] | undefined;
  for (const [, label, values] of query.matchAll(LISTED)) {
    let names = values.split('|');
    if (label === 'job') {
      if (!names.every(n => n.startsWith('federate-'))) continue;
      names = names.map(n => n.slice('federate-'.length));
    }
    if (!names.every(n => PLAIN_NAME.test(n))) continue;
    listed = [...(listed ?? []), ...names];
  }
  return listed;
}

/**
 * Alert rules that list clusters by name miss every cluster added later
 * (docs/federation-setup.md#alerts): one warning per rule and federated cluster it lacks.
 */
export function alertRuleLint(
  rules: PromAlertRule[],
  federated: string[],
): SetupWarning[] {
  const warnings: SetupWarning[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const listed = listedClusters(rule.query);
    if (!listed) continue;
    for (const cluster of federated) {
      const key = `${rule.name}\u0000${cluster}`;
      if (listed.includes(cluster) || seen.has(key)) continue;
      seen.add(key);
      warnings.push({
        id: 'alert-rule-misses-cluster',
        cluster,
        message: `Alert rule ${rule.name} lists clusters by name (${listed.join(
          ', ',
        )}) and not ${cluster}: it never fires for ${cluster}.`,
        remediation: `In ${SHARED_REPOSITORY_PATHS.alertRules}, add ${cluster} to the rule's list, or select every federate job (job=~"federate-.*", source_cluster!="") instead of naming clusters.`,
      });
    }
  }
  return warnings;
}
