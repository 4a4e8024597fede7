/** `prometheusFederation.discovery`: clusters from the catalog and what they are trusted with. */
import { Config } from '@backstage/config';
import { CLUSTER_NAME_RULE } from '@promfed/plugin-prometheus-federation-common';
import { fail } from './FederationConfigError';
import {
  DEFAULT_DISCOVERY_MAX_CLUSTERS,
  DEFAULT_DISCOVERY_PAGE_SIZE,
  DiscoveryOptions,
} from './options';
import { checked, positive } from './values';

function patterns(config: Config, key: string, root: string): string[] {
  const list = config.getOptionalStringArray(key) ?? [];
  list.forEach((p, i) => {
    if (!p.trim()) fail(`${root}.${key}[${i}]`, 'must not be empty');
  });
  return list;
}

/** Undefined when discovery is absent or `enabled: false`. */
export function readDiscovery(
  parent: Config,
  root: string,
): DiscoveryOptions | undefined {
  const config = parent.getOptionalConfig('discovery');
  if (!config || config.getOptionalBoolean('enabled') === false)
    return undefined;
  const key = `${root}.discovery`;
  const allowedHosts = patterns(config, 'allowedHosts', key);
  // Without a host pattern no entity could be accepted: say so at start, not as refusals later.
  if (!allowedHosts.length)
    fail(
      `${key}.allowedHosts`,
      'is required with discovery: the leaf host patterns a catalog entity may name, e.g. ["*.example.com"]',
    );
  const serviceAccountTokens: Record<string, string> = Object.create(null);
  (config.getOptionalConfigArray('serviceAccountTokens') ?? []).forEach(
    (t, i) => {
      const at = `${key}.serviceAccountTokens[${i}]`;
      const cluster = t.getOptionalString('cluster');
      if (!cluster) fail(`${at}.cluster`, 'is required: the cluster name');
      checked(CLUSTER_NAME_RULE, cluster, `${at}.cluster`, 'a cluster name');
      const token = t.getOptionalString('token');
      if (!token) fail(`${at}.token`, 'is required');
      serviceAccountTokens[cluster] = token;
    },
  );
  return {
    namespaces: config.getOptionalStringArray('namespaces') ?? [],
    owners: config.getOptionalStringArray('owners') ?? [],
    locations: patterns(config, 'locations', key),
    allowedHosts,
    allowedApiServers: patterns(config, 'allowedApiServers', key),
    allowedRegions: patterns(config, 'allowedRegions', key),
    serviceAccountTokens,
    pageSize: Math.floor(
      positive(
        config.getOptionalNumber('pageSize'),
        `${key}.pageSize`,
        DEFAULT_DISCOVERY_PAGE_SIZE,
      ),
    ),
    maxClusters: Math.floor(
      positive(
        config.getOptionalNumber('maxClusters'),
        `${key}.maxClusters`,
        DEFAULT_DISCOVERY_MAX_CLUSTERS,
      ),
    ),
  };
}
