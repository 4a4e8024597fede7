import type { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/** A schema as `createTemplateAction` takes it: one zod type per field. */
export type SchemaFields = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>;

/** What `z.infer` gives for each field (zod comes with the scaffolder, so it is not imported). */
export type Inferred<S extends SchemaFields> = {
  [K in keyof S]: ReturnType<S[K]>['_output'];
};

/** Keeps a field's own zod type (an annotation would widen it to any zod type). */
const field = <F extends SchemaFields[string]>(f: F) => f;

/**
 * The fields the add and remove actions share (`@internal`: zod's types, which this package
 * cannot name in emitted declarations).
 * @internal
 */
export const repoPathField = field(z =>
  z
    .string()
    .optional()
    .describe('Folder of the repository inside the workspace (default ".")'),
);

/** @internal */
export const pathsField = field(z =>
  z
    .object({
      ingress: z.string().optional(),
      httpRoute: z.string().optional(),
      terraform: z.string().optional(),
      scrapeConfigs: z.string().optional(),
      alertRules: z.string().optional(),
      catalogEntity: z.string().optional(),
    })
    .optional()
    .describe(
      'Paths of the files in the repository; by default the layout of docs/federation-setup.md',
    ),
);
