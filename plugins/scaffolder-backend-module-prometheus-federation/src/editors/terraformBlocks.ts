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

/** Top-level `module "name" { ... }` calls with their one-line attributes. */
export function parseModuleBlocks(content: string): Block[] {
  return parseBlocks(content, /^(module)\s+"([^"]+)"\s*\{/gm);
}

/** Top-level `locals { ... }` blocks and `variable "name" { ... }` blocks. */
export function parseValueBlocks(content: string): Block[] {
  return [
    ...parseBlocks(content, /^(locals)()\s*\{/gm),
    ...parseBlocks(content, /^(variable)\s+"([^"]+)"\s*\{/gm),
  ];
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

/**
 * The text without the blocks: each with the comment lines right above it and one blank line
 * before, so a block inserted after a sibling comes out leaving the file byte for byte.
 */
export function removeBlocks(content: string, blocks: Block[]): string {
  let result = content;
  for (const block of [...blocks].sort((a, b) => b.start - a.start)) {
    let start = block.start;
    // Comment lines directly above belong to the block.
    for (;;) {
      const prevStart = result.lastIndexOf('\n', start - 2) + 1;
      const line = result.slice(prevStart, start - 1);
      if (start === 0 || !/^\s*(#|\/\/)/.test(line)) break;
      start = prevStart;
    }
    let end = block.end;
    if (result[end] === '\n') end++;
    if (result.slice(0, start).endsWith('\n\n')) start--;
    else if (start === 0 && result[end] === '\n') end++;
    result = result.slice(0, start) + result.slice(end);
  }
  return result;
}

/**
 * Offset just past the bracket closing the one opened before `from` (`{`, `[` or `(`),
 * skipping strings and comments.
 */
export function closingBrace(content: string, from: number): number {
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
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    i++;
  }
  if (depth > 0)
    throw new InputError('A resource block is not closed (unbalanced braces)');
  return i;
}
