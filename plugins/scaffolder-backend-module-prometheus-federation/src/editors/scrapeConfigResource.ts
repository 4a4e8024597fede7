import { Document, isMap, YAMLMap } from 'yaml';
import { ConflictError, InputError } from '@backstage/errors';
import {
  FederateScrapeConfig,
  scrapeConfigPoolName,
} from '@promfed/plugin-prometheus-federation-common';
import type { EditResult } from './editResult';
import { swapCluster } from './swapCluster';
import { canonicalJson, parseYaml } from './yamlText';

// Prometheus Operator `ScrapeConfig` resources (monitoring.coreos.com/v1alpha1): one federate
// job per file, picked up by the Prometheus' `scrapeConfigSelector`. The operator writes each
// as the job `scrapeConfig/<namespace>/<name>` and relabels `job` to `spec.jobName`.

export const SCRAPE_CONFIG_KIND = 'ScrapeConfig';

/** A ScrapeConfig resource read from a document. */
export interface ScrapeConfigResource {
  name: string;
  namespace: string;
  /** `spec.jobName`, else the resource's name. */
  jobName: string;
  spec: YAMLMap;
}

/** The document's ScrapeConfig resource, or undefined when it is something else. */
export function scrapeConfigResourceOf(
  doc: Document,
): ScrapeConfigResource | undefined {
  const root = doc.contents;
  if (!isMap(root) || root.get('kind') !== SCRAPE_CONFIG_KIND) return undefined;
  if (
    !String(root.get('apiVersion') ?? '').startsWith('monitoring.coreos.com/')
  )
    return undefined;
  const spec = root.get('spec', true);
  const name = String(doc.getIn(['metadata', 'name']) ?? '');
  if (!isMap(spec) || !name) {
    throw new InputError(
      'The ScrapeConfig has no metadata.name or no spec mapping',
    );
  }
  return {
    name,
    namespace: String(doc.getIn(['metadata', 'namespace']) ?? 'default'),
    jobName: String(spec.get('jobName') ?? name),
    spec,
  };
}

/** The keys of a ScrapeConfig spec that make up a federate job; others are the sibling's own. */
const JOB_KEYS = [
  'jobName',
  'honorLabels',
  'metricsPath',
  'scheme',
  'scrapeInterval',
  'scrapeTimeout',
  'sampleLimit',
  'tlsConfig',
  'params',
  'staticConfigs',
];

/** The federate job as a ScrapeConfig spec (the CRD's camelCase fields, scheme in capitals). */
export function toScrapeConfigSpec(
  job: FederateScrapeConfig,
): Record<string, unknown> {
  if (job.tls_config.ca_file) {
    throw new InputError(
      'A ScrapeConfig cannot read a CA file (tls_config.ca_file): its tlsConfig.ca takes a Secret or ConfigMap; set it by hand',
    );
  }
  return {
    jobName: job.job_name,
    honorLabels: job.honor_labels,
    metricsPath: job.metrics_path,
    scheme: job.scheme.toUpperCase(),
    ...(job.scrape_interval ? { scrapeInterval: job.scrape_interval } : {}),
    ...(job.scrape_timeout ? { scrapeTimeout: job.scrape_timeout } : {}),
    ...(job.sample_limit !== undefined
      ? { sampleLimit: job.sample_limit }
      : {}),
    tlsConfig: {
      ...(job.tls_config.server_name
        ? { serverName: job.tls_config.server_name }
        : {}),
      insecureSkipVerify: job.tls_config.insecure_skip_verify,
    },
    params: job.params,
    staticConfigs: job.static_configs,
  };
}

/**
 * Whether the resource already defines `job` as written: unchanged when it does, a
 * ConflictError naming the differing fields when it has other settings.
 */
export function sameScrapeConfig(
  resource: ScrapeConfigResource,
  job: FederateScrapeConfig,
): EditResult {
  const wanted = toScrapeConfigSpec(job);
  const spec = resource.spec.toJSON() as Record<string, unknown>;
  const normal = (v: any) => canonicalJson(v ?? null);
  const differing = JOB_KEYS.filter(
    key =>
      normal(
        key === 'tlsConfig'
          ? { insecureSkipVerify: false, ...(spec[key] as object) }
          : spec[key],
      ) !== normal(wanted[key]),
  );
  if (differing.length > 0) {
    throw new ConflictError(
      `ScrapeConfig ${resource.namespace}/${resource.name} already defines ${
        job.job_name
      } with different settings (${differing.join(
        ', ',
      )}); change or remove it by hand, or run with the same settings`,
    );
  }
  return { content: '', status: 'unchanged' };
}

/**
 * The scrape config the operator generates from a ScrapeConfig: job `scrapeConfig/<ns>/<name>`,
 * `job` relabelled to `spec.jobName`. What promtool checks and what ops Prometheus runs.
 */
export function renderScrapeConfig(resource: ScrapeConfigResource): any {
  const spec = resource.spec.toJSON() as any;
  const tls = spec.tlsConfig ?? {};
  return {
    job_name: scrapeConfigPoolName(resource.namespace, resource.name),
    honor_labels: spec.honorLabels ?? false,
    metrics_path: spec.metricsPath ?? '/metrics',
    scheme: String(spec.scheme ?? 'HTTP').toLowerCase(),
    ...(spec.scrapeInterval ? { scrape_interval: spec.scrapeInterval } : {}),
    ...(spec.scrapeTimeout ? { scrape_timeout: spec.scrapeTimeout } : {}),
    ...(spec.sampleLimit !== undefined
      ? { sample_limit: spec.sampleLimit }
      : {}),
    tls_config: {
      ...(tls.serverName ? { server_name: tls.serverName } : {}),
      insecure_skip_verify: tls.insecureSkipVerify ?? false,
    },
    ...(spec.params ? { params: spec.params } : {}),
    static_configs: spec.staticConfigs ?? [],
    relabel_configs: [
      { target_label: 'job', replacement: resource.jobName, action: 'replace' },
    ],
  };
}

/**
 * A new cluster's ScrapeConfig file, written like a sibling's: its text with the cluster
 * swapped (name, labels the `scrapeConfigSelector` reads, comments), and the job's fields
 * from `job`. Keys of the sibling's spec that are not part of a federate job are kept.
 */
export function scrapeConfigFromSibling(
  siblingText: string,
  from: { cluster: string; host: string },
  to: { cluster: string; host: string },
  job: FederateScrapeConfig,
): string {
  const doc = parseYaml(siblingText, 'The sibling ScrapeConfig');
  const sibling = scrapeConfigResourceOf(doc);
  if (!sibling) throw new InputError('The sibling is not a ScrapeConfig');
  swapCluster(doc, from, to);
  const spec = doc.getIn(['spec'], true) as YAMLMap;
  const wanted = toScrapeConfigSpec(job);
  for (const key of JOB_KEYS) {
    if (wanted[key] === undefined) spec.delete(key);
  }
  for (const key of JOB_KEYS) {
    if (wanted[key] !== undefined) spec.set(key, doc.createNode(wanted[key]));
  }
  return doc.toString({ lineWidth: 0 });
}
