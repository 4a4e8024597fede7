import { ClusterCost } from '../cost/clusterCost';
import { CostService } from '../service/CostService';
import { registerClusterAction } from './registerClusterAction';
import { volumeFiguresSchema } from './schemas';
import { ActionDeps } from './types';

/** `federation-cost`: what one cluster federates, what is used, and the narrower match[]. */
export function registerFederationCostAction(
  deps: ActionDeps & { cost: Pick<CostService, 'cost'> },
) {
  registerClusterAction(deps, {
    name: 'federation-cost',
    title: "One cluster's federation cost and narrowing proposal",
    description: [
      'Measures what ops Prometheus federates from one leaf cluster (series by metric name, samples',
      'and bytes per scrape, scrape duration against its timeout and the date it would reach it),',
      'which metric names the ops alerting/recording rules and Grafana dashboards actually use,',
      'and proposes the narrowest federate match[] that keeps every used series, with the savings.',
      'Use it when a federate scrape is slow or near its timeout, or to cut federation volume; the',
      'change itself is the "Narrow cluster federation" template. Reads ops Prometheus and Grafana',
      '(heavier than diagnose-cluster); an answer read in the last minute is served again, and each',
      'caller may start a few fresh reads per minute.',
    ],
    output: z => {
      const figures = volumeFiguresSchema(z);
      return z.object({
        cluster: z.string(),
        job: z.string(),
        volume: z
          .object({
            series: z.number(),
            names: z.number(),
            samplesPerScrape: z.number().optional(),
            bodyBytes: z.number().optional(),
            durationSeconds: z.number().optional(),
            timeoutSeconds: z.number().optional(),
            timeoutReachedAt: z
              .string()
              .optional()
              .describe(
                'When the scrape reaches its timeout at the current rate',
              ),
            top: z.array(
              z.object({
                name: z.string(),
                series: z.number(),
                used: z.boolean(),
              }),
            ),
          })
          .optional(),
        proposal: z
          .object({
            selectors: z.array(z.string()).describe('The new match[]'),
            narrowed: z.boolean(),
            reason: z.string(),
            keptNames: z.array(z.string()),
            droppedNames: z.array(z.string()),
            namesByOwner: z
              .array(
                z.object({ owner: z.string(), names: z.array(z.string()) }),
              )
              .describe('Per dashboard and rule, the names it reads'),
            before: figures,
            after: figures,
            savedPercent: z.number(),
          })
          .optional(),
        unparsableQueries: z
          .array(z.object({ source: z.string(), error: z.string() }))
          .describe('Queries that could not be read; their metrics are kept'),
        invalidRegexes: z
          .array(
            z.object({
              source: z.string(),
              pattern: z.string(),
              error: z.string(),
            }),
          )
          .describe(
            'Name regexes Prometheus refuses (RE2): their queries may read any metric, so nothing is narrowed until they are fixed',
          ),
        notes: z.array(z.string()),
      });
    },
    answer: async (cluster, user) => {
      const c = await deps.cost.cost(cluster, user);
      const { timeoutReachedAt, ...volume } = c.volume ?? {};
      return {
        output: {
          cluster: c.cluster,
          job: c.job,
          volume: c.volume
            ? {
                ...(volume as Omit<
                  NonNullable<ClusterCost['volume']>,
                  'timeoutReachedAt'
                >),
                timeoutReachedAt:
                  timeoutReachedAt === undefined
                    ? undefined
                    : new Date(timeoutReachedAt * 1000).toISOString(),
              }
            : undefined,
          proposal: c.proposal && {
            selectors: c.proposal.selectors,
            narrowed: c.proposal.narrowed,
            reason: c.proposal.reason,
            keptNames: c.proposal.keptNames,
            droppedNames: c.proposal.droppedNames,
            namesByOwner: c.proposal.namesByOwner,
            before: c.proposal.before,
            after: c.proposal.after,
            savedPercent: c.proposal.savedPercent,
          },
          unparsableQueries: (c.usage?.unparsable ?? []).map(q => ({
            source: q.source,
            error: q.error,
          })),
          invalidRegexes: c.usage?.invalidRegexes ?? [],
          notes: c.notes,
        },
      };
    },
  });
}
