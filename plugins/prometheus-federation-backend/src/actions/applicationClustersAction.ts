import { InputError } from '@backstage/errors';
import { authorizeRead } from './authorizeRead';
import { snapshotSchema, stateSchema } from './schemas';
import { ActionDeps } from './types';

/** `component:default/x` as given, or a bare name taken as a Component in the default namespace. */
function componentRef(application: string): string {
  return application.includes(':')
    ? application
    : `component:default/${application}`;
}

/** `application-clusters`: which clusters an application's metrics come from, and whether they are fresh. */
export function registerApplicationClustersAction({
  registry,
  service,
  permissions,
}: ActionDeps) {
  registry.register({
    name: 'application-clusters',
    title: "An application's source clusters and metric freshness",
    description: [
      'Answers, for one application (a catalog Component with the prometheus-federation.io/application',
      'annotation), which leaf clusters its http metrics reach ops Prometheus from, whether they',
      "still arrive fresh from each, and the state of each cluster. Use it when an application's",
      'dashboards are empty or stale, to tell an application problem from a federation problem;',
      'then call diagnose-cluster on a cluster that is not healthy.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          application: z
            .string()
            .min(1)
            .describe(
              'Catalog Component ref (component:default/dareyscore) or its name (dareyscore)',
            ),
        }),
      output: z =>
        z.object({
          ...snapshotSchema(z),
          application: z.string().describe('The application label value'),
          clusters: z.array(
            z.object({
              cluster: z.string(),
              clusterState: stateSchema(z),
              arriving: z
                .boolean()
                .describe('Series arrive from this cluster and are fresh'),
              httpSeries: z.number(),
              newestSampleAgeSeconds: z.number().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(permissions, credentials);
      // Read through the catalog with the caller's credentials, as the entity card does.
      const found = await service.entity(componentRef(input.application), {
        credentials,
      });
      if (found.kind !== 'application') {
        throw new InputError(
          `${input.application} is a cluster, not an application: call diagnose-cluster with "${found.cluster.name}"`,
        );
      }
      return {
        output: {
          generatedAt: found.generatedAt,
          ageSeconds: found.ageSeconds,
          application: found.application.application,
          clusters: found.application.clusters.map(c => ({
            cluster: c.cluster,
            clusterState: c.clusterState,
            arriving: c.arriving,
            httpSeries: c.httpSeries,
            newestSampleAgeSeconds: c.newestSampleAgeSeconds,
          })),
        },
      };
    },
  });
}
