import { Document, visit } from 'yaml';

/**
 * Swaps a sibling's host, then its cluster name as a word (`prometheus-blue-tls`, "the blue
 * Prometheus"), in every string and comment of a document: the sibling's text becomes the
 * new cluster's, with its comments, annotations and key order.
 */
export function swapCluster(
  doc: Document,
  from: { cluster: string; host: string },
  to: { cluster: string; host: string },
): void {
  const word = new RegExp(
    `(?<![A-Za-z0-9])${from.cluster.replace(
      /[.*+?^${}()|[\]\\]/g,
      '\\$&',
    )}(?![A-Za-z0-9])`,
    'g',
  );
  const swap = (text: string) =>
    text.split(from.host).join(to.host).replace(word, to.cluster);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string') node.value = swap(node.value);
    },
  });
  visit(doc, {
    Node(_key, node) {
      if (node.comment) node.comment = swap(node.comment);
      if (node.commentBefore) node.commentBefore = swap(node.commentBefore);
    },
  });
  if (doc.commentBefore) doc.commentBefore = swap(doc.commentBefore);
  if (doc.comment) doc.comment = swap(doc.comment);
}
