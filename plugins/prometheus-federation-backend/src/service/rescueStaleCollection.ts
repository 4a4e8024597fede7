import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SnapshotStore } from '../store/snapshotStore';
import { ageSeconds } from './overview';

export interface RescueOptions {
  snapshots: SnapshotStore;
  scheduler: Pick<SchedulerService, 'cancelTask' | 'triggerTask'>;
  taskId: string;
  /** Older than this, no live replica can still be running the collection (interval + timeout). */
  staleAfterSeconds: number;
  logger: LoggerService;
}

/**
 * Frees the global collection from a replica that died while running it. The scheduler releases
 * such a run only when its janitor passes (once a minute, after the run's timeout): without this
 * the other replicas would serve an ever older snapshot for up to two minutes. Each replica checks
 * the shared snapshot's age; when it is past any live run, the task is cancelled and triggered.
 */
export async function rescueStaleCollection(
  options: RescueOptions,
): Promise<void> {
  const { snapshots, scheduler, taskId, staleAfterSeconds, logger } = options;
  const read = await snapshots.getList();
  // Without the cache the age says nothing about the other replicas.
  if (read.problem || !read.value) return;
  const age = ageSeconds(read.value);
  if (age <= staleAfterSeconds) return;
  logger.warn(
    `The federation snapshot is ${age}s old: releasing the collection task (its replica stopped?) and collecting now`,
  );
  // A ConflictError means it was not running; either way it is due now.
  await scheduler.cancelTask(taskId).catch(() => undefined);
  await scheduler.triggerTask(taskId).catch(() => undefined);
}
