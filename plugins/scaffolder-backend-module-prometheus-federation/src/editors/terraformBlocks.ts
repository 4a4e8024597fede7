import { InputError } from '@backstage/errors';

/** A top-level Terraform block with its one-line attributes and its text span. */
export interface Block {
  type: string;
  name: string;
  start: number;
  end: number;
  attributes: Record<string, string>;
}

/**
 * Top-level `resource "type" "name" { ... }` blocks with their one-line attributes. Enough to
 * find styles and existing rules; the action checks the whole file with a real HCL parser.
 */
export function parseResourceBlocks(content: string): Block[] {
  return parseBlocks(content, /^resource\s+"([^"]+)"\s+"([^"]+)"\s*\{/gm);
}

/**
 * The file's `locals` and `variable` defaults, as `local.x` / `var.x` to their expression: an
 * existing rule that names the same group through one of them is the same rule.
 */
export function namedValues(content: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const b of parseBlocks(content, /^(locals)()\s*\{/gm)) {
    for (const [k, v] of Object.entries(b.attributes)) values[`local.${k}`] = v;
  }
  for (const b of parseBlocks(content, /^(variable)\s+"([^"]+)"\s*\{/gm)) {
    if (b.attributes.default) values[`var.${b.name}`] = b.attributes.default;
  }
  return values;
}

/** An expression in a comparable form: interpolation unwrapped, locals and variables resolved. */
export function normaliseExpression(
  expr: string | undefined,
  values: Record<string, string>,
  depth = 0,
): string | undefined {
  if (expr === undefined) return undefined;
  let e = expr.trim().replace(/\s+/g, ' ');
  const interpolated = /^"\$\{([^}]*)\}"$/.exec(e);
  if (interpolated) e = interpolated[1].trim();
  if (/^"\d+"$/.test(e)) e = e.slice(1, -1);
  if (depth < 8 && values[e] !== undefined)
    return normaliseExpression(values[e], values, depth + 1);
  return e;
}

function parseBlocks(content: string, header: RegExp): Block[] {
  const blocks: Block[] = [];
  let end = 0;
  for (const match of content.matchAll(header)) {
    if (match.index! < end) continue; // inside the previous block
    end = closingBrace(content, match.index! + match[0].length);
    const body = content.slice(match.index! + match[0].length, end - 1);
    const attributes: Record<string, string> = {};
    let depth = 0;
    for (const line of body.split('\n')) {
      const attr = /^\s*([A-Za-z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (depth === 0 && attr)
        attributes[attr[1]] = attr[2].replace(/\s+#.*$|\s+\/\/.*$/, '');
      depth +=
        (line.match(/[{[(]/g) ?? []).length -
        (line.match(/[}\])]/g) ?? []).length;
    }
    blocks.push({
      type: match[1],
      name: match[2],
      start: match.index!,
      end,
      attributes,
    });
  }
  return blocks;
}

/** Offset just past the `}` closing the block opened before `from`, skipping strings and comments. */
function closingBrace(content: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < content.length && depth > 0) {
    const c = content[i];
    if (c === '"') {
      i++;
      while (i < content.length && content[i] !== '"')
        i += content[i] === '\\' ? 2 : 1;
    } else if (c === '#' || (c === '/' && content[i + 1] === '/')) {
      while (i < content.length && content[i] !== '\n') i++;
    } else if (c === '/' && content[i + 1] === '*') {
      i = content.indexOf('*/', i + 2);
      if (i === -1) i = content.length;
      i++;
    } else if (c === '{') depth++;
    else if (c === '}') depth--;
    i++;
  }
  if (depth > 0)
    throw new InputError('A resource block is not closed (unbalanced braces)');
  return i;
}
