import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  CHECK_ORDER,
  CLUSTER_STATES,
} from '@promfed/plugin-prometheus-federation-common';

/** The zod the Actions Registry hands to each schema (zod/v3), without depending on zod here. */
export type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

/** Output pieces the actions share; they mirror the wire types of the common package. */
export const stateSchema = (z: Zod) =>
  z
    .enum(CLUSTER_STATES)
    .describe(
      'down: the ops Prometheus target is down; degraded: up but a check fails or warns; unknown: ops Prometheus unreadable or not federated; healthy: every check passes',
    );

export const checkIdSchema = (z: Zod) => z.enum(CHECK_ORDER);

export const headlineSchema = (z: Zod) =>
  z
    .object({
      check: checkIdSchema(z).describe('The check that explains the state'),
      summary: z.string(),
      cause: z.string().optional(),
      probe: z
        .object({
          result: z.string(),
          summary: z.string(),
          agrees: z.boolean(),
        })
        .optional()
        .describe(
          "The portal's own probe: evidence beside the target, never the headline",
        ),
    })
    .describe('What an on-call engineer reads first');

export const remediationSchema = (z: Zod) =>
  z.object({
    summary: z.string(),
    file: z.string().optional(),
    commands: z.array(z.string()).optional(),
  });

export const sharedCauseSchema = (z: Zod) =>
  z
    .object({
      check: checkIdSchema(z),
      cause: z.string().optional(),
      side: z
        .enum(['ops', 'leaf'])
        .describe(
          'ops: fix once on the ops side (its source address or group, CA, scrape config); leaf: each cluster on its own',
        ),
      summary: z.string(),
      reason: z.string(),
      remediation: remediationSchema(z),
      clusterCount: z.number(),
      clusters: z
        .array(z.string())
        .describe('The clusters it covers (at most the limit)'),
    })
    .describe(
      'One check failing with one cause on many clusters in one refresh',
    );

export const snapshotSchema = (z: Zod) => ({
  generatedAt: z
    .string()
    .describe('When the snapshot was collected (ISO 8601)'),
  ageSeconds: z.number(),
});

/** The one input of the per-cluster tools. */
export const clusterInputSchema = (z: Zod) =>
  z.object({
    cluster: z
      .string()
      .min(1)
      .describe('Cluster name as list-clusters shows it, e.g. "blue"'),
  });

/** Series, samples and bytes per federate scrape (`VolumeFigures`). */
export const volumeFiguresSchema = (z: Zod) =>
  z.object({
    series: z.number(),
    samplesPerScrape: z.number().optional(),
    bodyBytes: z.number().optional(),
  });
