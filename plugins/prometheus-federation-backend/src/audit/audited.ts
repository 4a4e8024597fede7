import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/**
 * Runs `work` inside one audit event (coreServices.auditor): success with `outcome(result)`, or
 * fail with the error. A route passes its request (the auditor reads the actor from it);
 * elsewhere the actor goes in `meta`. Nothing secret belongs in `meta`: names, counts, states.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: AuditorServiceCreateEventOptions,
  work: () => Promise<T>,
  outcome?: (result: T) => JsonObject,
): Promise<T> {
  const audit = await auditor.createEvent(event);
  try {
    const result = await work();
    await audit.success(outcome ? { meta: outcome(result) } : undefined);
    return result;
  } catch (error) {
    await audit.fail({
      error: error instanceof Error ? error : new Error(String(error)),
    });
    throw error;
  }
}
