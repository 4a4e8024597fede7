import type { LoggerService } from '@backstage/backend-plugin-api';
import type { FileChange } from '../plan/planner';
import { unifiedDiff } from '../plan/unifiedDiff';

/** Logs what happens to each file and returns the unified diff of every changed file. */
export function logChanges(logger: LoggerService, changes: FileChange[]) {
  const diffs: string[] = [];
  for (const c of changes) {
    let what = 'already up to date';
    if (c.deleted) what = 'deleted';
    else if (c.status !== 'unchanged')
      what = c.previous === undefined ? 'created' : 'edited';
    logger.info(`${c.path}: ${what}`);
    if (c.status === 'unchanged') continue;
    const diff = unifiedDiff(
      c.path,
      c.previous,
      c.deleted ? undefined : c.content,
    );
    logger.info(diff);
    diffs.push(diff);
  }
  return diffs.join('');
}
