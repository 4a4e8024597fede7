import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  buildFederateJob,
  federateJobName,
} from '@internal/plugin-prometheus-federation-common';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { addScrapeJob } from '../editors/scrapeJobs';
import type { EditStatus } from '../editors/editResult';
import { addSecurityRule, securityRuleName } from '../editors/terraform';
import { buildIngress } from '../editors/ingress';
import { addClusterToAlertRules } from '../editors/alertRules';
import { buildClusterEntity } from '../editors/catalogEntity';
import {
  validateAddClusterInput,
  AddClusterInput,
} from '../validation/addClusterInput';
import { examples } from './addCluster.examples';
import { pullRequestBody } from './pullRequestBody';

export const ACTION_ID = 'prometheus-federation:cluster:add';

/** The design document's layout; every path can be overridden. */
export const defaultPaths = (cluster: string) => ({
  ingress: `argocd/applications/prod-${cluster}/cluster-resources/prometheus-ingress.yaml`,
  terraform: 'terraform/prometheus-federation-security.tf',
  scrapeConfigs:
    'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml',
  alertRules:
    'argocd/applications/prod-ops/cluster-resources/prometheusrule-federation-health.yaml',
  catalogEntity: `catalog/clusters/${cluster}.yaml`,
});

export type FileKind = keyof ReturnType<typeof defaultPaths>;

export interface FileChange {
  kind: FileKind;
  path: string;
  status: EditStatus;
  content: string;
  previous?: string;
}

/** Creates the `prometheus-federation:cluster:add` action. */
export function createAddClusterAction() {
  return createTemplateAction({
    id: ACTION_ID,
    description:
      'Adds a leaf cluster to the Prometheus federation: its Prometheus Ingress, the ops-to-leaf security group rule, the ops federate job and the alert rules that list clusters',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        cluster: z =>
          z
            .string()
            .describe('Leaf cluster name, a DNS-1123 label (e.g. "blue")'),
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
              'TLS of the federate job: "verify" (default) or "insecure-skip-verify", as the design document had it',
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
            .describe(
              'Namespace of the leaf Prometheus (default "monitoring")',
            ),
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
        repoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the repository inside the workspace (default ".")',
            ),
        paths: z =>
          z
            .object({
              ingress: z.string().optional(),
              terraform: z.string().optional(),
              scrapeConfigs: z.string().optional(),
              alertRules: z.string().optional(),
              catalogEntity: z.string().optional(),
            })
            .optional()
            .describe(
              "Paths of the edited files in the repository; the design document's by default",
            ),
      },
      output: {
        changed: z => z.boolean().describe('Whether any file changed'),
        changedFiles: z =>
          z.array(z.string()).describe('Files added or edited'),
        unchangedFiles: z =>
          z.array(z.string()).describe('Files that already had the change'),
        jobName: z => z.string().describe('The federate job name'),
        host: z => z.string().describe('The leaf Prometheus host'),
        title: z => z.string().describe('A pull request title'),
        body: z =>
          z
            .string()
            .describe(
              'A pull request body: what changed and the steps after merge',
            ),
      },
    },
    async handler(ctx) {
      const input = validateAddClusterInput(ctx.input);
      const root = resolveSafeChildPath(ctx.workspacePath, input.repoPath);
      const changes = await planChanges(root, input);

      const changed = changes.filter(c => c.status === 'added');
      for (const c of changes) {
        let what = 'already up to date';
        if (c.status === 'added')
          what = c.previous === undefined ? 'created' : 'edited';
        ctx.logger.info(`${c.path}: ${what}`);
      }
      if (changed.length === 0) {
        ctx.logger.info(
          `Nothing to change: cluster ${input.cluster} is already federated`,
        );
      } else if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: ${changed.length} file(s) would change; nothing written`,
        );
      } else {
        await writeAllOrNothing(root, changed);
      }

      const host = hostOf(input);
      ctx.output('changed', changed.length > 0);
      ctx.output(
        'changedFiles',
        changed.map(c => c.path),
      );
      ctx.output(
        'unchangedFiles',
        changes.filter(c => c.status === 'unchanged').map(c => c.path),
      );
      ctx.output('jobName', federateJobName(input.cluster));
      ctx.output('host', host);
      ctx.output(
        'title',
        `Add cluster ${input.cluster} to the Prometheus federation`,
      );
      ctx.output('body', pullRequestBody(input, host, changes));
    },
  });
}

function hostOf(input: AddClusterInput): string {
  return `prometheus-${input.cluster}.${input.domain}`;
}

/** Computes every file's new content in memory; nothing is written here. */
async function planChanges(
  root: string,
  input: AddClusterInput,
): Promise<FileChange[]> {
  const paths = { ...defaultPaths(input.cluster), ...input.paths };
  const host = hostOf(input);
  const changes: FileChange[] = [];
  const edit = async (
    kind: FileKind,
    required: boolean,
    run: (
      content: string | undefined,
    ) =>
      | Promise<{ content: string; status: EditStatus }>
      | { content: string; status: EditStatus },
  ) => {
    const file = paths[kind];
    const previous = await readRepoFile(root, file, required);
    try {
      const result = await run(previous);
      changes.push({ kind, path: file, previous, ...result });
    } catch (error) {
      throw withFile(error, file);
    }
  };

  await edit('ingress', false, async existing =>
    buildIngress(
      {
        cluster: input.cluster,
        host,
        namespace: input.namespace,
        ingressClassName: input.ingressClassName,
        clusterIssuer: input.clusterIssuer,
        sibling: await findSiblingIngress(root, paths.ingress, input),
      },
      existing,
    ),
  );

  await edit('terraform', true, async content => {
    await checkHcl(content!, 'The file');
    const result = addSecurityRule(content!, {
      cluster: input.cluster,
      opsCluster: input.opsCluster,
      sourceSecurityGroupId: input.sourceSecurityGroupId,
      targetSecurityGroupId: input.targetSecurityGroupId,
    });
    if (result.status === 'added')
      await checkHcl(
        result.content,
        `The edited file (rule ${securityRuleName(input.cluster)})`,
      );
    return result;
  });

  await edit('scrapeConfigs', true, content =>
    addScrapeJob(
      content!,
      buildFederateJob({
        cluster: input.cluster,
        host,
        tls: { insecureSkipVerify: input.tls === 'insecure-skip-verify' },
        match: input.match,
        scrapeInterval: input.scrapeInterval,
        scrapeTimeout: input.scrapeTimeout,
      }),
    ),
  );

  if (input.updateAlertRules) {
    await edit('alertRules', true, content =>
      addClusterToAlertRules(content!, input.cluster),
    );
  }
  if (input.catalogOwner) {
    await edit('catalogEntity', false, existing =>
      buildClusterEntity(
        {
          cluster: input.cluster,
          host,
          region: input.region ?? 'unknown',
          owner: input.catalogOwner!,
        },
        existing,
      ),
    );
  }
  return changes;
}

async function readRepoFile(
  root: string,
  file: string,
  required: boolean,
): Promise<string | undefined> {
  try {
    return await fs.readFile(resolveSafeChildPath(root, file), 'utf8');
  } catch (error: any) {
    if (error?.code === 'ENOENT' && !required) return undefined;
    if (error?.code === 'ENOENT') {
      throw new InputError(
        `${file}: file not found in the workspace; fetch it before this step or set its path in "paths"`,
      );
    }
    throw withFile(error, file);
  }
}

function withFile(error: unknown, file: string): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  if (!e.message.startsWith(`${file}:`)) e.message = `${file}: ${e.message}`;
  return e;
}

async function checkHcl(content: string, what: string) {
  try {
    await parseHcl('prometheus-federation-security.tf', content);
  } catch (error: any) {
    throw new InputError(
      `${what} is not valid HCL: ${
        String(error?.message ?? error).split('\n')[0]
      }`,
    );
  }
}

/**
 * The Ingress of another leaf, to copy its style: the reference cluster when given, else the
 * first `prod-*` sibling in the same layout that has one.
 */
async function findSiblingIngress(
  root: string,
  ingressPath: string,
  input: AddClusterInput,
): Promise<{ cluster: string; content: string } | undefined> {
  const marker = `prod-${input.cluster}`;
  const parts = ingressPath.split('/');
  const at = parts.indexOf(marker);
  if (at === -1) {
    if (input.referenceCluster) {
      throw new InputError(
        `referenceCluster needs paths.ingress to contain ${marker}/, as the design document's layout does; got ${ingressPath}`,
      );
    }
    return undefined;
  }
  const siblingPath = (cluster: string) =>
    [...parts.slice(0, at), `prod-${cluster}`, ...parts.slice(at + 1)].join(
      '/',
    );
  let candidates: string[];
  if (input.referenceCluster) {
    candidates = [input.referenceCluster];
  } else {
    const dir = resolveSafeChildPath(root, parts.slice(0, at).join('/') || '.');
    const entries = await fs.readdir(dir).catch(() => [] as string[]);
    candidates = entries
      .filter(e => e.startsWith('prod-') && e !== marker)
      .map(e => e.slice('prod-'.length))
      .filter(c => c !== input.opsCluster)
      .sort();
  }
  for (const cluster of candidates) {
    const content = await fs
      .readFile(resolveSafeChildPath(root, siblingPath(cluster)), 'utf8')
      .catch(() => undefined);
    if (content !== undefined) return { cluster, content };
  }
  if (input.referenceCluster) {
    throw new InputError(
      `referenceCluster: ${siblingPath(
        input.referenceCluster,
      )} not found in the workspace`,
    );
  }
  return undefined;
}

/**
 * Writes every file to a temporary name first, then renames them into place: no file is ever
 * half-written, and a failure while staging leaves every old file untouched. Renames within one
 * folder tree do not fail in practice; if one does, the staged copies are removed.
 */
async function writeAllOrNothing(root: string, changes: FileChange[]) {
  const staged: Array<{ tmp: string; target: string }> = [];
  try {
    for (const change of changes) {
      const target = resolveSafeChildPath(root, change.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(tmp, change.content, 'utf8');
      staged.push({ tmp, target });
    }
  } catch (error) {
    await Promise.all(staged.map(s => fs.rm(s.tmp, { force: true })));
    throw error;
  }
  try {
    for (const s of staged) await fs.rename(s.tmp, s.target);
  } catch (error) {
    await Promise.all(staged.map(s => fs.rm(s.tmp, { force: true })));
    throw error;
  }
}
