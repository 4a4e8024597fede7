import {
  Inferred,
  pathsField,
  repoPathField,
  SchemaFields,
} from './schemaFields';

/**
 * The remove action's input, one zod type per field.
 * @internal
 */
export const removeClusterInputSchema = {
  cluster: z =>
    z.string().describe('The leaf cluster to take out of the federation'),
  opsCluster: z =>
    z
      .string()
      .optional()
      .describe('The ops cluster that federates (default "ops")'),
  updateAlertRules: z =>
    z
      .boolean()
      .optional()
      .describe(
        'Take the cluster out of alert expressions that list clusters by name (default true)',
      ),
  repoPath: repoPathField,
  paths: pathsField,
} satisfies SchemaFields;

/**
 * The remove action's output.
 * @internal
 */
export const removeClusterOutputSchema = {
  changed: z => z.boolean().describe('Whether any file changed'),
  diff: z =>
    z
      .string()
      .describe(
        'Unified diff of every file changed or deleted (in a dry run: that would be)',
      ),
  changedFiles: z =>
    z.array(z.string()).describe('Files edited (the cluster taken out)'),
  deletedFiles: z =>
    z
      .array(z.string())
      .describe(
        'Files deleted, relative to repoPath: pass them to publish:github:pull-request as filesToDelete',
      ),
  jobName: z => z.string().describe('The federate job name'),
  title: z => z.string().describe('A pull request title'),
  body: z =>
    z
      .string()
      .describe('A pull request body: what changed and the steps after merge'),
} satisfies SchemaFields;

export type RemoveClusterActionInput = Inferred<
  typeof removeClusterInputSchema
>;
