import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import { principalOf } from '../service/principalOf';
import { audited } from './audited';

/**
 * The Actions Registry with every tool call audited (`mcp-tool-call`): the tool, its input (cluster
 * and application names, no secret), the caller, and the outcome.
 */
export function auditedRegistry(
  registry: ActionsRegistryService,
  auditor: AuditorService,
): ActionsRegistryService {
  return {
    register(options) {
      const run = options.action;
      registry.register({
        ...options,
        action: (context: Parameters<typeof run>[0]) =>
          audited(
            auditor,
            {
              eventId: 'mcp-tool-call',
              meta: {
                tool: options.name,
                actor: principalOf(context.credentials),
                input: context.input as JsonObject,
              },
            },
            () => run(context),
          ),
      });
    },
  };
}
