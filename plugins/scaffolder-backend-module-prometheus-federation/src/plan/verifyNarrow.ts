import { federateJobName } from '@promfed/plugin-prometheus-federation-common';
import { narrowScrapeJob } from '../editors/narrowScrapeJob';
import { EffectNotVerifiedError } from '../errors';
import { readInventory } from '../inventory/readInventory';
import { placesOf } from '../inventory/types';
import type { NarrowClusterInput } from '../validation/narrowClusterInput';
import { selectorsKeepProblem } from '../validation/selectorNames';
import { RepoReader, withChanges } from '../workspace/repoReader';
import type { FileChange } from './planner';

/**
 * Reads the narrowed files back: the cluster's job is still found where it was, its match[]
 * is exactly the selectors, and (with kept names) those selectors admit exactly the kept names
 * under Prometheus' regex semantics. Returns whether the kept names were checked.
 */
export async function verifyNarrow(
  input: NarrowClusterInput,
  repo: RepoReader,
  changes: FileChange[],
): Promise<{ namesChecked: boolean }> {
  const job = federateJobName(input.cluster);
  const after = await readInventory(withChanges(repo, changes));
  const fail = (why: string) => {
    throw new EffectNotVerifiedError(
      `The narrowed ${job} does not verify (${why}); nothing was written`,
    );
  };
  const files = new Set(
    placesOf(after, input.cluster, 'scrapeJob').map(p => p.file),
  );
  for (const change of changes) {
    if (!files.has(change.path)) fail(`${change.path} no longer holds the job`);
    const again = narrowScrapeJob(change.content, job, input.selectors);
    if (again.status !== 'unchanged')
      fail(`${change.path}: its match[] does not read back as the selectors`);
  }
  if (input.keptNames.length === 0) return { namesChecked: false };
  const problem = selectorsKeepProblem(input.selectors, input.keptNames);
  if (problem) fail(problem);
  return { namesChecked: true };
}
