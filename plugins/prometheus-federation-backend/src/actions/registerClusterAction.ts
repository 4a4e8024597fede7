import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { principalOf } from '../service/principalOf';
import { authorizeRead } from './authorizeRead';
import { requireCluster } from './requireCluster';
import { clusterInputSchema, Zod } from './schemas';
import { ActionDeps } from './types';

type ClusterInput = ReturnType<typeof clusterInputSchema>;
/** Any output schema the registry accepts (its own constraint). */
type OutputSchema = ReturnType<
  Parameters<ActionsRegistryService['register']>[0]['schema']['output']
>;

/**
 * A read-only tool about one known cluster: the read permission is checked and the cluster must
 * exist before `answer` runs, for the caller (who spends any budget).
 */
export function registerClusterAction<TOutput extends OutputSchema>(
  { registry, service, permissions }: ActionDeps,
  action: {
    name: string;
    title: string;
    /** Sentences, joined with spaces. */
    description: string[];
    output: (z: Zod) => TOutput;
    answer: (
      cluster: string,
      user: string,
    ) => ReturnType<
      ActionsRegistryActionOptions<ClusterInput, TOutput>['action']
    >;
  },
): void {
  registry.register({
    name: action.name,
    title: action.title,
    description: action.description.join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: { input: clusterInputSchema, output: action.output },
    action: async ({ input, credentials }) => {
      await authorizeRead(permissions, credentials);
      await requireCluster(service, input.cluster);
      return action.answer(input.cluster, principalOf(credentials));
    },
  });
}
