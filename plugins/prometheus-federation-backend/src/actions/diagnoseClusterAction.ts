import { authorizeRead } from './authorizeRead';
import { requireCluster } from './requireCluster';
import {
  checkIdSchema,
  headlineSchema,
  remediationSchema,
  snapshotSchema,
  stateSchema,
  clusterInputSchema,
} from './schemas';
import { ActionDeps } from './types';

/** `diagnose-cluster`: one cluster's triage chain in troubleshooting order, as the cluster view shows it. */
export function registerDiagnoseClusterAction({
  registry,
  service,
  permissions,
}: ActionDeps) {
  registry.register({
    name: 'diagnose-cluster',
    title: "Diagnose one cluster's Prometheus federation",
    description: [
      "Explains why one leaf cluster's Prometheus federation into ops Prometheus is broken, in one call,",
      'across ops Prometheus (the federate-<cluster> target, the authority), Kubernetes (Ingress,',
      'cert-manager Certificate), DNS, TLS, the AWS security group, and a probe from the portal.',
      'Answers the state, the headline (the first cause to fix), every check in troubleshooting',
      'order (ingress, dns, certificate, security-group, connectivity, target, metrics, latency)',
      'with its result, evidence and remediation (file to change, commands), firing alerts,',
      'set-up warnings and the recent state history. Use list-clusters to find cluster names.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: clusterInputSchema,
      output: z =>
        z.object({
          ...snapshotSchema(z),
          cluster: z.string(),
          state: stateSchema(z),
          stateSince: z.string().optional(),
          headline: headlineSchema(z).optional(),
          remediation: remediationSchema(z)
            .optional()
            .describe('The fix for the headline'),
          checks: z.array(
            z.object({
              order: z.number().describe('1 = first to check'),
              id: checkIdSchema(z),
              title: z.string(),
              result: z.enum([
                'pass',
                'warn',
                'fail',
                'unknown',
                'not-configured',
              ]),
              summary: z.string(),
              reason: z.string().optional(),
              evidence: z.array(
                z.object({ label: z.string(), value: z.string() }),
              ),
              remediation: remediationSchema(z).optional(),
            }),
          ),
          firingAlerts: z.array(
            z.object({
              name: z.string(),
              state: z.string(),
              summary: z.string().optional(),
            }),
          ),
          warnings: z.array(
            z.object({
              id: z.string(),
              message: z.string(),
              remediation: z.string(),
            }),
          ),
          history: z
            .array(
              z.object({
                at: z.string(),
                from: z.string().optional(),
                to: z.string(),
                headline: z.string().optional(),
                summary: z.string().optional(),
              }),
            )
            .describe('State transitions, newest first'),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeRead(permissions, credentials);
      const detail = await requireCluster(service, input.cluster);
      const c = detail.cluster;
      return {
        output: {
          generatedAt: detail.generatedAt,
          ageSeconds: detail.ageSeconds,
          cluster: c.name,
          state: c.state,
          stateSince: c.stateSince,
          headline: c.headline,
          remediation: c.remediation,
          checks: c.checks.map((check, i) => ({
            order: i + 1,
            id: check.id,
            title: check.title,
            result: check.result,
            summary: check.summary,
            reason: check.reason,
            evidence: check.evidence,
            remediation: check.remediation,
          })),
          firingAlerts: c.firingAlerts.map(a => ({
            name: a.name,
            state: a.state,
            summary: a.summary,
          })),
          warnings: c.warnings.map(w => ({
            id: w.id,
            message: w.message,
            remediation: w.remediation,
          })),
          history: c.history,
        },
      };
    },
  });
}
