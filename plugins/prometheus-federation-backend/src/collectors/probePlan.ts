import { ClusterOptions } from '../config/options';
import { ProbePlan, PromTarget, ScrapeJobConfig } from './types';

/**
 * How the portal probes a leaf: as the federate job scrapes it (the target's scrapeUrl gives
 * scheme, host, port, path and params; the job gives server_name, CA and verification), so that
 * the probe and the target disagree only when the networks really differ. Only match[] is
 * narrowed to `up`: a leaf builds its whole federate answer before the first byte, and the job's
 * own selectors would make it do that twice per interval for a probe that reads 64 kB of it.
 * Without a target (not federated, ops Prometheus unread): the plugin's host and port.
 */
export function probePlan(
  cluster: ClusterOptions,
  target?: PromTarget,
  job?: ScrapeJobConfig,
): ProbePlan {
  const scrapeUrl = target ? parseUrl(target.scrapeUrl) : undefined;
  if (scrapeUrl) {
    scrapeUrl.searchParams.delete('match[]');
    scrapeUrl.searchParams.append('match[]', 'up');
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
