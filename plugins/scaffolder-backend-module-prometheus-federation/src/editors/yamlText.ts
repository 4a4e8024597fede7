import {
  Document,
  isMap,
  isScalar,
  isSeq,
  Node,
  parseDocument,
  Scalar,
} from 'yaml';
import { InputError } from '@backstage/errors';

/** Parses YAML, turning syntax errors into one readable InputError. */
export function parseYaml(content: string, what: string): Document.Parsed {
  const doc = parseDocument(content, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      `${what} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`,
    );
  }
  return doc;
}

/** Column of `offset` within its line. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** JSON with sorted keys: equal objects give equal strings, whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * The indentation a file uses, read from its first nested block collection: the mapping
 * indent and whether sequences are indented under their key (`key:\n  - a` or `key:\n- a`).
 */
export function detectIndentStyle(
  text: string,
  root: Node | null | undefined,
): { indent: number; indentSeq: boolean } {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  const visit = (node: unknown, depth: number) => {
    if (depth > 12 || (indent !== undefined && indentSeq !== undefined)) return;
    if (!isMap(node) || node.flow) {
      if (isSeq(node)) node.items.forEach(item => visit(item, depth + 1));
      return;
    }
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range || !(isMap(value) || isSeq(value))) {
        continue;
      }
      if (value.flow || value.items.length === 0) continue;
      const keyCol = columnOf(text, key.range[0]);
      const first = value.items[0] as any;
      const firstNode: Node | undefined = isMap(value) ? first.key : first;
      if (!firstNode?.range) continue;
      if (isMap(value) && indent === undefined) {
        const step = columnOf(text, firstNode.range[0]) - keyCol;
        if (step > 0) indent = step;
      }
      if (isSeq(value) && indentSeq === undefined) {
        // The item node starts after "- ": the dash sits two columns before it.
        const dashCol =
          text.lastIndexOf('-', firstNode.range[0]) -
          (text.lastIndexOf('\n', firstNode.range[0]) + 1);
        indentSeq = dashCol > keyCol;
      }
      visit(value, depth + 1);
    }
  };
  visit(root, 0);
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true };
}

/** Copies scalar quoting and flow style from `ref` onto `node`, path by path. */
export function copyStyle(node: unknown, ref: unknown): void {
  if (isMap(node) && isMap(ref)) {
    node.flow = ref.flow;
    for (const pair of node.items) {
      const refPair = ref.items.find(
        p =>
          isScalar(p.key) &&
          isScalar(pair.key) &&
          p.key.value === pair.key.value,
      );
      if (!refPair) continue;
      copyStyle(pair.key, refPair.key);
      copyStyle(pair.value, refPair.value);
    }
  } else if (isSeq(node) && isSeq(ref) && ref.items.length > 0) {
    node.flow = ref.flow;
    node.items.forEach((item, i) =>
      copyStyle(item, ref.items[Math.min(i, ref.items.length - 1)]),
    );
  } else if (
    isScalar(node) &&
    isScalar(ref) &&
    typeof node.value === 'string' &&
    typeof ref.value === 'string'
  ) {
    if (
      ref.type === Scalar.QUOTE_SINGLE ||
      ref.type === Scalar.QUOTE_DOUBLE ||
      ref.type === Scalar.PLAIN
    ) {
      node.type = ref.type;
    }
  }
}
