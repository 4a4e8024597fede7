import { authorizeRead } from './authorizeRead';
import { headlineSchema, snapshotSchema, stateSchema } from './schemas';
import { ActionDeps } from './types';

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
      'need attention; then call diagnose-cluster on one of them for the checks, evidence and fix.',
      'Reads the latest snapshot (collected every refresh interval); it does not collect.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          ...snapshotSchema(z),
          opsPrometheus: z.object({
            reachable: z.boolean(),
            error: z.string().optional(),
          }),
          counts: z.record(z.number()),
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
    action: async ({ credentials }) => {
      await authorizeRead(permissions, credentials);
      const overview = await service.overview();
      return {
        output: {
          generatedAt: overview.generatedAt,
          ageSeconds: overview.ageSeconds,
          opsPrometheus: overview.opsPrometheus,
          counts: overview.counts,
          clusters: overview.clusters.map(c => ({
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
