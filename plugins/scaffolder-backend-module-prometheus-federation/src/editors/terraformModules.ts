import type { EditResult } from './editResult';
import { clusterWord } from './securityRules';
import { Block, parseModuleBlocks, removeBlocks } from './terraformBlocks';

// Federation through a module called once per cluster (`module "prometheus_federation_blue"`):
// the call names its cluster in an attribute or at the end of its name.

const CLUSTER_ATTRIBUTES = ['cluster', 'cluster_name', 'leaf_cluster'];

/** A module call that federates one cluster. */
export interface ModuleCall {
  block: Block;
  cluster: string;
}

/** The module calls of the file whose name or source is about federation, with their cluster. */
export function federationModules(content: string): ModuleCall[] {
  return parseModuleBlocks(content)
    .filter(b => /federat|prometheus/i.test(`${b.name} ${b.attributes.source}`))
    .map(block => {
      const attr = CLUSTER_ATTRIBUTES.map(a => block.attributes[a]).find(
        v => v !== undefined && /^"[a-z0-9][-a-z0-9]*"$/.test(v),
      );
      const cluster = attr
        ? attr.slice(1, -1)
        : block.name.slice(block.name.lastIndexOf('_') + 1);
      return { block, cluster };
    });
}

/**
 * `text` with the cluster `from` swapped for `to` as a word: in an identifier (next to `_`)
 * spelled with `_`, elsewhere (strings, comments, paths) as it is.
 */
export function swapClusterWord(
  text: string,
  from: string,
  to: string,
): string {
  const under = (name: string) => name.replace(/-/g, '_');
  let result = text.replace(
    clusterWord(from),
    (match, at: number, whole: string) =>
      whole[at - 1] === '_' || whole[at + match.length] === '_'
        ? under(to)
        : to,
  );
  if (under(from) !== from)
    result = result.replace(clusterWord(under(from)), under(to));
  return result;
}

/**
 * Adds a module call for `cluster`: the last sibling call's text with its cluster swapped,
 * right after it. Per-cluster references it copies (`module.eks_blue`) are named in the notes.
 */
export function addModuleCall(content: string, cluster: string): EditResult {
  const calls = federationModules(content);
  if (calls.some(c => c.cluster === cluster))
    return { content, status: 'unchanged' };
  const sibling = calls[calls.length - 1];
  const text = swapClusterWord(
    content.slice(sibling.block.start, sibling.block.end),
    sibling.cluster,
    cluster,
  );
  const name = /^module\s+"([^"]+)"/.exec(text)![1];
  return {
    content: `${content.slice(0, sibling.block.end)}\n\n${text}${content.slice(
      sibling.block.end,
    )}`,
    status: 'added',
    notes: [
      `\`module.${name}\`, a copy of \`module.${sibling.block.name}\` with the cluster swapped: references in it to other per-cluster resources must exist before \`terraform apply\``,
    ],
  };
}

/** Removes the cluster's module calls, with their comment lines. */
export function removeModuleCalls(
  content: string,
  cluster: string,
): EditResult {
  const mine = federationModules(content).filter(c => c.cluster === cluster);
  if (mine.length === 0) return { content, status: 'unchanged' };
  return {
    content: removeBlocks(
      content,
      mine.map(m => m.block),
    ),
    status: 'removed',
    notes: [
      `removed ${mine.map(m => `\`module.${m.block.name}\``).join(', ')}`,
    ],
  };
}
