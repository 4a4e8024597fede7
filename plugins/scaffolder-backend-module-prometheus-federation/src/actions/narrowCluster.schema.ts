import {
  Inferred,
  pathsField,
  repoPathField,
  SchemaFields,
} from './schemaFields';

/**
 * The narrow action's input, one zod type per field: the proposal of the backend's
 * `GET /clusters/:name/cost` (selectors, kept names, before and after).
 * @internal
 */
export const narrowClusterInputSchema = {
  cluster: z =>
    z.string().describe('The leaf cluster whose federate job to narrow'),
  selectors: z =>
    z
      .array(z.string())
      .min(1)
      .describe(
        'The new match[] selectors, e.g. [\'{__name__=~"http_requests_total|up"}\']',
      ),
  keptNames: z =>
    z
      .array(z.string())
      .optional()
      .describe('Metric names the selectors keep, listed in the pull request'),
  namesByOwner: z =>
    z
      .array(z.object({ owner: z.string(), names: z.array(z.string()) }))
      .optional()
      .describe(
        "Per dashboard and rule, the metric names it reads (the proposal's namesByOwner), listed in the pull request; every name must be kept by the selectors",
      ),
  savings: z =>
    z
      .object({
        seriesBefore: z.number().optional(),
        seriesAfter: z.number().optional(),
        samplesBefore: z.number().optional(),
        samplesAfter: z.number().optional(),
        bytesBefore: z.number().optional(),
        bytesAfter: z.number().optional(),
      })
      .optional()
      .describe(
        'Measured volume per federate scrape before, and expected after (from the proposal)',
      ),
  repoPath: repoPathField,
  paths: pathsField,
} satisfies SchemaFields;

/**
 * The narrow action's output.
 * @internal
 */
export const narrowClusterOutputSchema = {
  changed: z => z.boolean().describe('Whether the scrape config changed'),
  diff: z => z.string().describe('Unified diff of the scrape config file'),
  changedFiles: z => z.array(z.string()).describe('Files edited'),
  jobName: z => z.string().describe('The federate job narrowed'),
  title: z => z.string().describe('A pull request title'),
  body: z =>
    z
      .string()
      .describe(
        'A pull request body: the new match[], savings, the kept metric names, and per dashboard and rule the names it reads',
      ),
} satisfies SchemaFields;

export type NarrowClusterActionInput = Inferred<
  typeof narrowClusterInputSchema
>;
