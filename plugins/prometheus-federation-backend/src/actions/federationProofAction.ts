import { CostService } from '../service/CostService';
import { registerClusterAction } from './registerClusterAction';
import { volumeFiguresSchema } from './schemas';
import { ActionDeps } from './types';

/** `federation-proof`: after a narrowing, whether every used query still has data. */
export function registerFederationProofAction(
  deps: ActionDeps & { cost: Pick<CostService, 'proof'> },
) {
  registerClusterAction(deps, {
    name: 'federation-proof',
    title: "Proof that a cluster's narrowed federation keeps every used query",
    description: [
      "After a cluster's federate job was narrowed (the narrow template's pull request merged and",
      'ops Prometheus reloaded), checks every query the usage came from (each ops rule, each Grafana',
      'panel target and variable) still selects series of that cluster. Answers "N of N used',
      'queries still have data", or each query that lost data with its dashboard or rule and the',
      'metric names to add back to match[], and the measured saving (samples and bytes per scrape,',
      'the first point of the last hours against the last). Reads like federation-cost.',
    ],
    output: z => {
      const figures = volumeFiguresSchema(z);
      return z.object({
        cluster: z.string(),
        job: z.string(),
        selectors: z
          .array(z.string())
          .describe("The job's match[] as ops Prometheus scrapes it now"),
        usedQueries: z.number(),
        withData: z.number(),
        lost: z.array(
          z.object({
            source: z.string(),
            owner: z.string().describe('The dashboard or rule'),
            expr: z.string(),
            names: z.array(z.string()).describe('Names to add back'),
          }),
        ),
        measured: z.object({ before: figures, after: figures }).optional(),
        notes: z
          .array(z.string())
          .describe('Sources not read; with any, no proof is claimed'),
      });
    },
    answer: async (cluster, user) => ({
      output: await deps.cost.proof(cluster, user),
    }),
  });
}
