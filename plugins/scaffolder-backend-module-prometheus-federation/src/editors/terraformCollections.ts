import { InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import { closingBrace, parseValueBlocks } from './terraformBlocks';

// The clusters a `for_each` walks: a list (`["blue", "green"]`, usually through `toset`) or a
// map keyed by cluster, held in a local or a variable's default, one item a line or inline.

/** One cluster in a collection: its key's characters, and the whole item's. */
export interface CollectionItem {
  cluster: string;
  keyStart: number;
  keyEnd: number;
  itemStart: number;
  itemEnd: number;
}

export interface Collection {
  /** `local.x` or `var.x`. */
  ref: string;
  kind: 'list' | 'map';
  /** The brackets' span. */
  start: number;
  end: number;
  items: CollectionItem[];
}

/** `local.x`/`var.x` of a `for_each`, through `toset(...)`; undefined for anything else. */
export function collectionRef(forEach: string | undefined): string | undefined {
  const m = /^(?:toset\(\s*)?((?:local|var)\.[A-Za-z0-9_]+)(?:\s*\))?$/.exec(
    (forEach ?? '').trim(),
  );
  return m?.[1];
}

/** The collection a `local.x` or `var.x` names in the file, or undefined when it is not there. */
export function readCollection(
  content: string,
  ref: string,
): Collection | undefined {
  const [scope, name] = ref.split('.');
  const key = scope === 'local' ? name : 'default';
  for (const block of parseValueBlocks(content)) {
    if (scope === 'local' ? block.type !== 'locals' : block.name !== name)
      continue;
    const body = content.slice(block.start, block.end);
    const m = new RegExp(`^[ \\t]*${key}\\s*=\\s*([[{])`, 'm').exec(body);
    if (!m) continue;
    const start = block.start + m.index + m[0].length - 1;
    const end = closingBrace(content, start + 1);
    return {
      ref,
      kind: m[1] === '[' ? 'list' : 'map',
      start,
      end,
      items:
        m[1] === '['
          ? listItems(content, start, end)
          : mapItems(content, start, end),
    };
  }
  return undefined;
}

/** Code characters of a span with comments blanked, offsets kept. */
function code(content: string, start: number, end: number): string {
  return content
    .slice(start, end)
    .replace(/(#|\/\/)[^\n]*/g, c => ' '.repeat(c.length));
}

function listItems(
  content: string,
  start: number,
  end: number,
): CollectionItem[] {
  return [...code(content, start, end).matchAll(/"([^"\\]*)"/g)].map(m => ({
    cluster: m[1],
    keyStart: start + m.index!,
    keyEnd: start + m.index! + m[0].length,
    itemStart: start + m.index!,
    itemEnd: start + m.index! + m[0].length,
  }));
}

/** Keys at the map's first level, each item up to the end of its value. */
function mapItems(
  content: string,
  start: number,
  end: number,
): CollectionItem[] {
  const text = code(content, start, end);
  const items: CollectionItem[] = [];
  const key = /(^|[{,\n])\s*"?([a-z0-9][-a-z0-9]*)"?\s*=\s*/g;
  let depth = 0;
  let at = 1;
  while (at < text.length - 1) {
    key.lastIndex = at - 1;
    const m = depth === 0 ? key.exec(text) : null;
    if (!m || m.index !== at - 1) {
      const c = text[at];
      if ('{[('.includes(c)) depth++;
      else if ('}])'.includes(c)) depth--;
      at++;
      continue;
    }
    const valueStart = m.index + m[0].length;
    let valueEnd = valueStart;
    if ('{['.includes(text[valueStart])) {
      valueEnd = closingBrace(text, valueStart + 1);
    } else {
      while (valueEnd < text.length - 1 && !',\n'.includes(text[valueEnd]))
        valueEnd++;
    }
    const rel = m[0].indexOf(m[2], m[1].length);
    const quote = m[0][rel - 1] === '"' ? 1 : 0;
    items.push({
      cluster: m[2],
      keyStart: start + m.index + rel - quote,
      keyEnd: start + m.index + rel + m[2].length + quote,
      itemStart: start + m.index + rel - quote,
      itemEnd: start + valueEnd,
    });
    at = valueEnd;
  }
  return items;
}

/**
 * Adds `cluster` to the collection, written like its last item: a list gains `"<cluster>"`, a
 * map a copy of the last entry with its key swapped; on its own line when items are one a
 * line, else inline.
 */
export function addToCollection(
  content: string,
  collection: Collection,
  cluster: string,
  swap: (text: string, from: string) => string,
): EditResult {
  if (collection.items.some(i => i.cluster === cluster))
    return { content, status: 'unchanged' };
  const last = collection.items[collection.items.length - 1];
  if (!last) {
    throw new InputError(
      `${collection.ref} is empty: there is no item to follow; add the first cluster by hand`,
    );
  }
  const itemText = content.slice(last.itemStart, last.itemEnd);
  const copy =
    collection.kind === 'list' ? `"${cluster}"` : swap(itemText, last.cluster);
  const lineStart = content.lastIndexOf('\n', last.itemStart - 1) + 1;
  const onOwnLine = content.slice(lineStart, last.itemStart).trim() === '';
  // After the last item and its comma, if any.
  let at = last.itemEnd;
  const comma = /^\s*,/.exec(content.slice(at));
  const hasComma = comma !== null && !comma[0].includes('\n');
  if (hasComma) at += comma![0].length;
  let insert: string;
  if (onOwnLine) {
    const indent = content.slice(lineStart, last.itemStart);
    const eol = content.indexOf('\n', at);
    insert = `\n${indent}${copy}${hasComma ? ',' : ''}`;
    if (!hasComma && collection.kind === 'list') {
      // "a"\n -> "a",\n  "b"
      return {
        content: `${content.slice(0, at)},${insert}${content.slice(at)}`,
        status: 'added',
      };
    }
    at = eol === -1 ? content.length : eol;
  } else {
    insert = `${hasComma ? ' ' : ', '}${copy}${hasComma ? ',' : ''}`;
  }
  return {
    content: content.slice(0, at) + insert + content.slice(at),
    status: 'added',
  };
}

/** Takes `cluster` out of the collection, with its separator, so an add comes out exactly. */
export function removeFromCollection(
  content: string,
  collection: Collection,
  cluster: string,
): EditResult {
  const index = collection.items.findIndex(i => i.cluster === cluster);
  if (index === -1) return { content, status: 'unchanged' };
  const item = collection.items[index];
  const lineStart = content.lastIndexOf('\n', item.itemStart - 1) + 1;
  const onOwnLine = content.slice(lineStart, item.itemStart).trim() === '';
  let end = item.itemEnd;
  const comma = /^[ \t]*,/.exec(content.slice(end));
  if (comma) end += comma[0].length;
  let start = item.itemStart;
  if (onOwnLine) {
    // The whole line; a last item without a comma takes the comma before it along.
    const eol = content.indexOf('\n', end);
    end = eol === -1 ? content.length : eol;
    start = lineStart - 1;
    if (!comma && index > 0) {
      const prev = collection.items[index - 1];
      const prevComma = /^[ \t]*,/.exec(content.slice(prev.itemEnd));
      if (prevComma) {
        return {
          content:
            content.slice(0, prev.itemEnd) +
            content.slice(prev.itemEnd + prevComma[0].length, start) +
            content.slice(end),
          status: 'removed',
        };
      }
    }
  } else if (!comma && index > 0) {
    // Inline last item: take ", " before it.
    start = collection.items[index - 1].itemEnd;
  } else if (index > 0) {
    // Inline, followed by a comma: the space before it goes with it.
    start -= /[ \t]*$/.exec(content.slice(0, start))![0].length;
  } else {
    end += /^[ \t]*/.exec(content.slice(end))![0].length;
  }
  return {
    content: content.slice(0, start) + content.slice(end),
    status: 'removed',
  };
}
