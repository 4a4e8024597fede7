import { AuditorServiceCreateEventOptions } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';

export interface AuditRecord {
  eventId: string;
  severityLevel?: string;
  /** The request the event was created with (the auditor reads the actor from it). */
  hasRequest: boolean;
  meta?: JsonObject;
  outcome?: 'success' | 'fail';
  outcomeMeta?: JsonObject;
  error?: string;
}

/** An auditor service mock that records each event and how it ended, for assertions. */
export function recordingAuditor() {
  const events: AuditRecord[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async (options: AuditorServiceCreateEventOptions) => {
      const record: AuditRecord = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        hasRequest: !!options.request,
        meta: options.meta,
      };
      events.push(record);
      return {
        success: async o => {
          record.outcome = 'success';
          record.outcomeMeta = o?.meta;
        },
        fail: async o => {
          record.outcome = 'fail';
          record.error = String(o.error);
        },
      };
    },
  });
  return { auditor, events };
}
