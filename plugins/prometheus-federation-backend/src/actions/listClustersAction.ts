import { ServiceUnavailableError } from '@backstage/errors';
import {
  CLUSTER_STATES,
  firstCollectionText,
} from '@promfed/plugin-prometheus-federation-common';
import { authorizeRead } from './authorizeRead';
import {
  headlineSchema,
  sharedCauseSchema,
  snapshotSchema,
  stateSchema,
} from './schemas';
import { ActionDeps } from './types';

/** Enough for an agent's context even with a fleet of a thousand clusters. */
const DEFAULT_LIMIT = 100;

const severity = (state: string) =>
  CLUSTER_STATES.indexOf(state as (typeof CLUSTER_STATES)[number]);

/** `list-clusters`: every federated cluster with its state and headline, worst first. */
export function registerListClustersAction({
  registry,
  service,
  permissions,
}: ActionDeps) {
  registry.register({
    name: 'list-clusters',
    title: 'List federated Prometheus clusters',
    description: [
      'Lists every leaf cluster that ops Prometheus federates, with its federation state',
      '(down, degraded, unknown, healthy) and the headline that explains it, worst first.',
      'Call this first to answer "is Prometheus federation working?" or to find which clusters',
      'need attention. sharedCauses come first: one cause many clusters share, and whether it is',
      'the ops side (fix once) or each leaf ("is it them or us?"). Then call diagnose-cluster on one for the checks, evidence and fix.',
      'Filter by state and limit the answer on large fleets; counts always cover every cluster.',
      'Reads the latest snapshot (collected every refresh interval); it does not collect.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          states: z
            .array(stateSchema(z))
            .optional()
            .describe(
              'Only clusters in these states, e.g. ["down", "degraded"]',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(1000)
            .optional()
            .describe(
              `At most this many clusters, worst first (default ${DEFAULT_LIMIT})`,
            ),
        }),
      output: z =>
        z.object({
          ...snapshotSchema(z),
          opsPrometheus: z.object({
            reachable: z.boolean(),
            error: z.string().optional(),
          }),
          counts: z
            .record(z.number())
            .describe('Clusters per state, all of them'),
          sharedCauses: z
            .array(sharedCauseSchema(z))
            .describe(
              "Causes many clusters share, the ops side's first, then the largest: read first",
            ),
          total: z.number().describe('Clusters that match the filter'),
          clusters: z.array(
            z.object({
              name: z.string(),
              state: stateSchema(z),
              stateSince: z.string().optional(),
              federated: z.boolean().optional(),
              headline: headlineSchema(z).optional(),
              firingAlerts: z.array(z.string()),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(permissions, credentials);
      const overview = await service.overview();
      // No snapshot yet: an empty list would read as "no cluster", so say when one is due.
      if (overview.collecting)
        throw new ServiceUnavailableError(
          firstCollectionText(overview.collecting),
        );
      const limit = input.limit ?? DEFAULT_LIMIT;
      const matching = overview.clusters
        .filter(c => !input.states || input.states.includes(c.state))
        .sort(
          (a, b) =>
            severity(a.state) - severity(b.state) ||
            a.name.localeCompare(b.name),
        );
      return {
        output: {
          generatedAt: overview.generatedAt,
          ageSeconds: overview.ageSeconds,
          opsPrometheus: overview.opsPrometheus,
          counts: overview.counts,
          sharedCauses: overview.sharedCauses.map(({ clusters, ...cause }) => ({
            ...cause,
            clusterCount: clusters.length,
            clusters: clusters.slice(0, limit),
          })),
          total: matching.length,
          clusters: matching.slice(0, limit).map(c => ({
            name: c.name,
            state: c.state,
            stateSince: c.stateSince,
            federated: c.federated,
            headline: c.headline,
            firingAlerts: c.firingAlerts.map(a => a.name),
          })),
        },
      };
    },
  });
}
