import { ClusterOptions } from '../config/options';
import { ProbePlan, PromTarget, ScrapeJobConfig } from './types';

/**
 * How the portal probes a leaf: exactly as the federate job scrapes it (the target's scrapeUrl
 * gives scheme, host, port, path and match[]; the job gives server_name, CA and verification),
 * so that the probe and the target disagree only when the networks really differ. Without a
 * target (not federated, ops Prometheus unread) it falls back to the plugin's host and port.
 */
export function probePlan(
  cluster: ClusterOptions,
  target?: PromTarget,
  job?: ScrapeJobConfig,
): ProbePlan {
  const scrapeUrl = target ? parseUrl(target.scrapeUrl) : undefined;
  if (scrapeUrl) {
    return {
      url: scrapeUrl.toString(),
      serverName: job?.serverName || scrapeUrl.hostname,
      verify: !job?.insecureSkipVerify,
      ca: job?.ca,
      auth: job?.auth,
      from: 'job',
    };
  }
  const port = cluster.port === 443 ? '' : `:${cluster.port}`;
  return {
    url: `https://${cluster.host}${port}/federate?match[]=up`,
    serverName: cluster.host,
    verify: true,
    from: 'config',
  };
}

function parseUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    // Credentials in a scrape URL are never sent on by the portal.
    url.username = '';
    url.password = '';
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}
