import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { InputError } from '@backstage/errors';
import { applyEdits, editClusterLists, TextEdit } from './clusterLists';
import type { EditResult } from './editResult';
import { parseYaml } from './yamlText';

/**
 * Adds the cluster to (or removes it from) every alert expression of a PrometheusRule that
 * lists the federated clusters: regex alternations and per-cluster parts joined by `or`
 * (`clusterLists.ts`). Only those characters change. A rule that names clusters in another
 * way is left as it is and named in the notes with the reason, for the pull request body.
 * See docs/federation-setup.md#alerts.
 */
export function editAlertRules(
  content: string,
  cluster: string,
  mode: 'add' | 'remove',
): EditResult {
  const doc = parseYaml(content, 'The file');
  // A PrometheusRule, or a Prometheus rule file (top-level `groups`).
  const kind = doc.get('kind');
  let groups: unknown;
  if (kind === 'PrometheusRule') groups = doc.getIn(['spec', 'groups'], true);
  else if (kind === undefined) groups = doc.get('groups', true);
  if (!isMap(doc.contents) || !isSeq(groups)) {
    throw new InputError(
      'The file is not a PrometheusRule with spec.groups, nor a rule file with groups',
    );
  }
  const edits: TextEdit[] = [];
  const updated: string[] = [];
  const skipped: string[] = [];
  const manual: string[] = [];
  for (const group of groups.items) {
    const rules = isMap(group) ? group.get('rules', true) : undefined;
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      if (!isMap(rule)) continue;
      const expr = rule.get('expr', true);
      const name = String(rule.get('alert') ?? rule.get('record') ?? '?');
      if (!isScalar(expr) || !expr.range || typeof expr.value !== 'string')
        continue;
      const [start, end] = bodyRange(content, expr);
      const found = editClusterLists(content.slice(start, end), cluster, mode);
      if (!found.namesClusters) continue;
      if (expr.type === Scalar.BLOCK_FOLDED) {
        // Folding would move the line breaks: such expressions are left for a human.
        skipped.push(`\`${name}\`: its expression is a folded block (\`>\`)`);
        manual.push(name);
        continue;
      }
      if (found.problems.length > 0) {
        skipped.push(`\`${name}\`: ${found.problems.join('; ')}`);
        manual.push(name);
        continue;
      }
      if (found.edits.length === 0) continue;
      edits.push(
        ...found.edits.map(e => ({
          ...e,
          start: e.start + start,
          end: e.end + start,
        })),
      );
      updated.push(`\`${name}\``);
    }
  }
  const notes = [
    ...(updated.length > 0
      ? [
          `${
            mode === 'add' ? 'now list' : 'no longer list'
          } \`${cluster}\`: ${updated.join(', ')}`,
        ]
      : []),
    ...skipped.map(s => `**not updated, edit by hand**: ${s}`),
  ];
  if (edits.length === 0)
    return { content, status: 'unchanged', notes, ...manualOf(manual) };
  const result = applyEdits(content, edits);
  parseYaml(result, 'The edited PrometheusRule');
  return {
    content: result,
    status: mode === 'add' ? 'added' : 'removed',
    notes,
    ...manualOf(manual),
  };
}

/** The expression's text without the quotes or the block header, so its parts compare alike. */
function bodyRange(content: string, expr: Scalar): [number, number] {
  const [start, end] = expr.range!;
  if (expr.type === Scalar.QUOTE_DOUBLE || expr.type === Scalar.QUOTE_SINGLE)
    return [start + 1, end - 1];
  if (expr.type === Scalar.BLOCK_LITERAL)
    return [content.indexOf('\n', start) + 1, end];
  return [start, end];
}

/** Adds the cluster to every alert expression that lists clusters. */
export function addClusterToAlertRules(content: string, cluster: string) {
  return editAlertRules(content, cluster, 'add');
}

/** Removes the cluster from every alert expression that lists it. */
export function removeClusterFromAlertRules(content: string, cluster: string) {
  return editAlertRules(content, cluster, 'remove');
}

function manualOf(manual: string[]) {
  return manual.length > 0 ? { manual } : {};
}
