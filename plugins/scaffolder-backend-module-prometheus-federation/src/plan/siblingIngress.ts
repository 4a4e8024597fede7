import { InputError } from '@backstage/errors';
import type { AddClusterInput } from '../validation/addClusterInput';
import type { RepoReader } from '../workspace/repoReader';

/** Each leaf's files live in a `prod-<cluster>` folder (docs/federation-setup.md#leaf-exposure). */
const LEAF_FOLDER_PREFIX = 'prod-';

/**
 * The Ingress of another leaf, to copy its style: the reference cluster when given, else the
 * first `prod-*` sibling in the same layout that has one.
 */
export async function findSiblingIngress(
  repo: RepoReader,
  ingressPath: string,
  input: Pick<AddClusterInput, 'cluster' | 'opsCluster' | 'referenceCluster'>,
): Promise<{ cluster: string; content: string } | undefined> {
  const marker = `${LEAF_FOLDER_PREFIX}${input.cluster}`;
  const parts = ingressPath.split('/');
  const at = parts.indexOf(marker);
  if (at === -1) {
    if (input.referenceCluster) {
      throw new InputError(
        `referenceCluster needs paths.ingress to contain ${marker}/, as the default layout does (docs/federation-setup.md#leaf-exposure); got ${ingressPath}`,
      );
    }
    return undefined;
  }
  const siblingPath = (cluster: string) =>
    [
      ...parts.slice(0, at),
      `${LEAF_FOLDER_PREFIX}${cluster}`,
      ...parts.slice(at + 1),
    ].join('/');

  let candidates: string[];
  if (input.referenceCluster) {
    candidates = [input.referenceCluster];
  } else {
    // A missing or unreadable folder means no siblings, not an error.
    const entries = await repo
      .list(parts.slice(0, at).join('/') || '.')
      .catch(() => [] as string[]);
    candidates = entries
      .filter(e => e.startsWith(LEAF_FOLDER_PREFIX) && e !== marker)
      .map(e => e.slice(LEAF_FOLDER_PREFIX.length))
      .filter(c => c !== input.opsCluster)
      .sort();
  }
  for (const cluster of candidates) {
    const content = await repo
      .read(siblingPath(cluster))
      .catch(() => undefined);
    if (content !== undefined) return { cluster, content };
  }
  if (input.referenceCluster) {
    throw new InputError(
      `referenceCluster: ${siblingPath(
        input.referenceCluster,
      )} not found in the workspace`,
    );
  }
  return undefined;
}
