import {
  Inferred,
  pathsField,
  repoPathField,
  SchemaFields,
} from './schemaFields';

/**
 * The action's input, one zod type per field.
 *
 * `@internal` keeps the two schemas out of the emitted type declarations: their types are
 * zod's, which this package (getting zod through the scaffolder) cannot name there.
 * @internal
 */
export const addClusterInputSchema = {
  cluster: z =>
    z.string().describe('Leaf cluster name, a DNS-1123 label (e.g. "blue")'),
  domain: z =>
    z
      .string()
      .describe(
        'Domain of the leaf Prometheus host: prometheus-<cluster>.<domain>',
      ),
  region: z =>
    z
      .string()
      .optional()
      .describe('AWS region of the leaf cluster (e.g. "eu-west-1")'),
  kubernetesApiServer: z =>
    z
      .string()
      .optional()
      .describe(
        "The leaf's Kubernetes API server URL, written to the catalog entity (kubernetes.io/api-server) so the portal can read the leaf's Ingress and Certificate",
      ),
  kubernetesApiServerCa: z =>
    z
      .string()
      .optional()
      .describe(
        "The API server's CA, base64 PEM as in a kubeconfig's certificate-authority-data (kubernetes.io/api-server-certificate-authority); an EKS cluster's CA is its own",
      ),
  kubernetesAuthProvider: z =>
    z
      .string()
      .optional()
      .describe(
        'How the portal authenticates to that API (kubernetes.io/auth-provider): "aws" (an EKS token from the portal\'s AWS credentials) or "serviceAccount" (a token in the portal\'s config); default "aws" when a region is given',
      ),
  opsCluster: z =>
    z
      .string()
      .optional()
      .describe('The ops cluster that federates (default "ops")'),
  sourceSecurityGroupId: z =>
    z
      .string()
      .optional()
      .describe(
        'Ops security group id (sg-...); default the ops EKS cluster security group from the Terraform module',
      ),
  targetSecurityGroupId: z =>
    z
      .string()
      .optional()
      .describe(
        'Leaf node security group id (sg-...); default the leaf EKS node security group from the Terraform module',
      ),
  tls: z =>
    z
      .enum(['verify', 'insecure-skip-verify'])
      .optional()
      .describe(
        'TLS of the federate job: "verify" (default) or "insecure-skip-verify", as the original set-up had it (docs/federation-setup.md#traps-in-the-original-set-up)',
      ),
  match: z =>
    z
      .array(z.string())
      .optional()
      .describe(
        'match[] selectors (default every series, \'{__name__=~".+"}\')',
      ),
  scrapeInterval: z =>
    z.string().optional().describe('scrape_interval of the federate job'),
  scrapeTimeout: z =>
    z.string().optional().describe('scrape_timeout of the federate job'),
  namespace: z =>
    z
      .string()
      .optional()
      .describe('Namespace of the leaf Prometheus (default "monitoring")'),
  exposure: z =>
    z
      .string()
      .optional()
      .describe(
        'How the leaf Prometheus is exposed: "ingress" or "gateway" (an HTTPRoute on an existing Gateway); default what the sibling clusters use, else "ingress"',
      ),
  gatewayName: z =>
    z
      .string()
      .optional()
      .describe(
        "With gateway exposure: the existing Gateway (default: the sibling HTTPRoute's parentRefs)",
      ),
  gatewayNamespace: z =>
    z
      .string()
      .optional()
      .describe('With gateway exposure: the namespace of the Gateway'),
  ingressClassName: z =>
    z
      .string()
      .optional()
      .describe('Ingress class (default: the sibling\'s, else "nginx")'),
  clusterIssuer: z =>
    z
      .string()
      .optional()
      .describe(
        'cert-manager ClusterIssuer (default: the sibling\'s, else "letsencrypt-prod")',
      ),
  referenceCluster: z =>
    z
      .string()
      .optional()
      .describe(
        'An existing leaf whose Ingress the new one follows (default: the first prod-* sibling found)',
      ),
  updateAlertRules: z =>
    z
      .boolean()
      .optional()
      .describe(
        'Add the cluster to alert expressions that list clusters by name (default true)',
      ),
  catalogOwner: z =>
    z
      .string()
      .optional()
      .describe(
        'When set, also write a catalog Resource for the cluster, owned by this entity',
      ),
  repoPath: repoPathField,
  paths: pathsField,
} satisfies SchemaFields;

/**
 * The action's output, one zod type per field.
 * @internal
 */
export const addClusterOutputSchema = {
  changed: z => z.boolean().describe('Whether any file changed'),
  diff: z =>
    z
      .string()
      .describe(
        'Unified diff of every file changed (or, in a dry run, that would change)',
      ),
  changedFiles: z => z.array(z.string()).describe('Files added or edited'),
  unchangedFiles: z =>
    z.array(z.string()).describe('Files that already had the change'),
  jobName: z => z.string().describe('The federate job name'),
  host: z => z.string().describe('The leaf Prometheus host'),
  title: z => z.string().describe('A pull request title'),
  body: z =>
    z
      .string()
      .describe('A pull request body: what changed and the steps after merge'),
} satisfies SchemaFields;

/** The action's input as the scaffolder hands it over, inferred from the schema. */
export type AddClusterActionInput = Inferred<typeof addClusterInputSchema>;
