import { federateJobName, SOURCE_CLUSTER_LABEL } from './constants';

/** The original set-up's `match[]`: every series of the leaf (docs/federation-setup.md#traps-in-the-original-set-up). */
export const DEFAULT_FEDERATE_MATCHERS = ['{__name__=~".+"}'];

export interface FederateJobOptions {
  /** Cluster name (a DNS-1123 label), e.g. `blue`. */
  cluster: string;
  /** Host name the leaf Prometheus is served on, e.g. `prometheus-blue.talentos.darey.io`. */
  host: string;
  /** Address to scrape when it differs from `host` (the lab scrapes a loopback port). */
  target?: string;
  /**
   * TLS: verified by default. `insecureSkipVerify: true` reproduces the original set-up,
   * which hides expired or wrong certificates from the targets page.
   */
  tls?: { insecureSkipVerify?: boolean; caFile?: string; serverName?: string };
  /** `match[]` selectors; defaults to every series. */
  match?: string[];
  scrapeInterval?: string;
  scrapeTimeout?: string;
  sampleLimit?: number;
}

/** A Prometheus scrape config, keys in the order docs/federation-setup.md#federate-jobs writes them. */
export interface FederateScrapeConfig {
  job_name: string;
  honor_labels: true;
  metrics_path: '/federate';
  scheme: 'https';
  scrape_interval?: string;
  scrape_timeout?: string;
  sample_limit?: number;
  tls_config: {
    ca_file?: string;
    server_name?: string;
    insecure_skip_verify: boolean;
  };
  params: { 'match[]': string[] };
  static_configs: Array<{
    targets: string[];
    labels: Record<string, string>;
  }>;
}

/**
 * The federate job a cluster gets. The one source of truth: the scaffolder action writes it
 * into the ops Prometheus values, and the lab loads it into its ops Prometheus.
 */
export function buildFederateJob(
  options: FederateJobOptions,
): FederateScrapeConfig {
  const tls = options.tls ?? {};
  const job: FederateScrapeConfig = {
    job_name: federateJobName(options.cluster),
    honor_labels: true,
    metrics_path: '/federate',
    scheme: 'https',
    tls_config: tls.insecureSkipVerify
      ? { insecure_skip_verify: true }
      : {
          ...(tls.caFile ? { ca_file: tls.caFile } : {}),
          ...(tls.serverName ? { server_name: tls.serverName } : {}),
          insecure_skip_verify: false,
        },
    params: { 'match[]': options.match ?? DEFAULT_FEDERATE_MATCHERS },
    static_configs: [
      {
        targets: [options.target ?? options.host],
        labels: { [SOURCE_CLUSTER_LABEL]: options.cluster },
      },
    ],
  };
  // Optional settings go before tls_config, where Prometheus docs list them.
  const optional: Partial<FederateScrapeConfig> = {};
  if (options.scrapeInterval) optional.scrape_interval = options.scrapeInterval;
  if (options.scrapeTimeout) optional.scrape_timeout = options.scrapeTimeout;
  if (options.sampleLimit !== undefined)
    optional.sample_limit = options.sampleLimit;
  const { tls_config, params, static_configs, ...head } = job;
  return { ...head, ...optional, tls_config, params, static_configs };
}
