import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import { parseYaml } from './yamlText';

/**
 * A regex matcher that lists clusters by name: `source_cluster=~"blue|green"` or
 * `job=~"federate-blue|federate-green"` (quotes possibly escaped inside a quoted YAML scalar).
 * Patterns such as `federate-.*` list nothing and are left alone.
 */
const NAME_LIST =
  /\b(source_cluster|job)(\s*=~\s*)(\\?["'])((?:federate-)?[a-z0-9][-a-z0-9]*(?:\|(?:federate-)?[a-z0-9][-a-z0-9]*)*)\3/g;

/**
 * Adds the cluster to every alert expression of a PrometheusRule that lists the federated
 * clusters by name. Only the characters of the added names change.
 * See docs/federation-setup.md#alerts.
 */
export function addClusterToAlertRules(
  content: string,
  cluster: string,
): EditResult {
  const doc = parseYaml(content, 'The file');
  const groups = doc.getIn(['spec', 'groups'], true);
  if (
    !isMap(doc.contents) ||
    doc.get('kind') !== 'PrometheusRule' ||
    !isSeq(groups)
  ) {
    throw new InputError('The file is not a PrometheusRule with spec.groups');
  }
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const group of groups.items) {
    const rules = isMap(group) ? group.get('rules', true) : undefined;
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      const expr = isMap(rule) ? rule.get('expr', true) : undefined;
      if (!isScalar(expr) || !expr.range || typeof expr.value !== 'string')
        continue;
      if (expr.type === Scalar.BLOCK_FOLDED) {
        continue; // folding would move the line breaks; such expressions are left for a human
      }
      const [start, end] = expr.range;
      const source = content.slice(start, end);
      for (const m of source.matchAll(NAME_LIST)) {
        const [whole, label, op, quote, list] = m;
        const names = list.split('|');
        const prefixed =
          label === 'job' || names.every(n => n.startsWith('federate-'));
        if (label === 'job' && !names.every(n => n.startsWith('federate-')))
          continue;
        const name = prefixed ? `federate-${cluster}` : cluster;
        if (names.includes(name)) continue;
        edits.push({
          start: start + m.index!,
          end: start + m.index! + whole.length,
          text: `${label}${op}${quote}${[...names, name].join('|')}${quote}`,
        });
      }
    }
  }
  if (edits.length === 0) return { content, status: 'unchanged' };
  let result = content;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  parseYaml(result, 'The edited PrometheusRule');
  return { content: result, status: 'added' };
}
