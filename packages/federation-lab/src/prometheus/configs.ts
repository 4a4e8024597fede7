import {
  buildFederateJob,
  leafHost,
} from '@promfed/plugin-prometheus-federation-common';
import { stringify } from 'yaml';
import { LAB_APPS, scrapeTimeoutSeconds } from '../options';

/** A leaf Prometheus: scrapes its cluster's apps, one job per app, labelled with the cluster. */
export function leafPrometheusConfig(options: {
  cluster: string;
  appPorts: Record<string, number>;
  scrapeIntervalSeconds: number;
}): string {
  return stringify({
    global: {
      scrape_interval: `${options.scrapeIntervalSeconds}s`,
      evaluation_interval: `${options.scrapeIntervalSeconds}s`,
      external_labels: { cluster: options.cluster },
    },
    scrape_configs: LAB_APPS.map(app => ({
      job_name: app,
      static_configs: [{ targets: [`127.0.0.1:${options.appPorts[app]}`] }],
    })),
  });
}

/** exporter-toolkit web config: the leaf serves HTTPS with the certificate cert-manager would issue. */
export function leafWebConfig(certFile: string, keyFile: string): string {
  return stringify({
    tls_server_config: { cert_file: certFile, key_file: keyFile },
  });
}

/** Per-cluster deviations from the canonical federate job, used by faults. */
export interface FederateJobOverrides {
  sampleLimit?: number;
  metricsPath?: string;
  /** Prometheus size units, e.g. `1KB`. */
  bodySizeLimit?: string;
  /** false: the job without `honor_labels: true` (the leaf's job and instance get renamed). */
  honorLabels?: false;
  match?: string[];
}

export function opsPrometheusConfig(options: {
  clusters: string[];
  domain: string;
  ingressPorts: Record<string, number>;
  caFile: string;
  rulesFile: string;
  scrapeIntervalSeconds: number;
  overrides?: Record<string, FederateJobOverrides>;
}): string {
  const jobs = options.clusters.map(cluster => {
    const o = options.overrides?.[cluster] ?? {};
    const job = buildFederateJob({
      cluster,
      host: leafHost(cluster, options.domain),
      target: `127.0.0.1:${options.ingressPorts[cluster]}`,
      tls: {
        caFile: options.caFile,
        serverName: leafHost(cluster, options.domain),
      },
      sampleLimit: o.sampleLimit,
      match: o.match,
    });
    const { honor_labels: _honorLabels, ...withoutHonorLabels } = job;
    // A wrong path and a missing honor_labels are exactly the mistakes the typed job forbids, so
    // they are patched in afterwards; the typed job has no body size limit, added the same way.
    return {
      ...(o.honorLabels === false ? withoutHonorLabels : job),
      ...(o.metricsPath ? { metrics_path: o.metricsPath } : {}),
      ...(o.bodySizeLimit ? { body_size_limit: o.bodySizeLimit } : {}),
    };
  });
  return stringify({
    global: {
      scrape_interval: `${options.scrapeIntervalSeconds}s`,
      scrape_timeout: `${scrapeTimeoutSeconds(options.scrapeIntervalSeconds)}s`,
      evaluation_interval: `${options.scrapeIntervalSeconds}s`,
      external_labels: { cluster: 'ops' },
    },
    rule_files: [options.rulesFile],
    scrape_configs: jobs,
  });
}

/**
 * The four federation alerts (docs/federation-setup.md#alerts). HighLatency uses the form that can fire:
 * a scrape's duration stops at its timeout, so it is compared with the timeout, not with 120 s.
 */
export function federationRules(): string {
  const federate = 'job=~"federate-.*"';
  return stringify({
    groups: [
      {
        name: 'prometheus-federation-health',
        rules: [
          {
            alert: 'PrometheusFederationDown',
            expr: `up{${federate}} == 0`,
            for: '5m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Federation target {{ $labels.job }} is down',
              description:
                'Ops Prometheus cannot scrape /federate of {{ $labels.source_cluster }} for 5 minutes.',
            },
          },
          {
            alert: 'PrometheusFederationScrapeErrors',
            expr: `avg_over_time(up{${federate}}[10m]) < 0.9`,
            for: '5m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Federation target {{ $labels.job }} fails scrapes',
              description:
                'More than 10% of the scrapes of {{ $labels.job }} failed over 10 minutes.',
            },
          },
          {
            alert: 'PrometheusFederationNoMetrics',
            expr:
              `count by (source_cluster) (up{${federate}}) ` +
              'unless on (source_cluster) count by (source_cluster) (http_requests_total)',
            for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary:
                'No HTTP metrics federated from {{ $labels.source_cluster }}',
              description:
                'No http_requests_total series with source_cluster={{ $labels.source_cluster }} for 10 minutes.',
            },
          },
          {
            alert: 'PrometheusFederationHighLatency',
            expr: `scrape_duration_seconds{${federate}} > 0.8 * scrape_timeout_seconds{${federate}}`,
            for: '5m',
            labels: { severity: 'warning' },
            annotations: {
              summary:
                'Federation scrape of {{ $labels.job }} is close to its timeout',
              description:
                'The /federate scrape takes more than 80% of scrape_timeout; it will soon time out.',
            },
          },
        ],
      },
    ],
  });
}
