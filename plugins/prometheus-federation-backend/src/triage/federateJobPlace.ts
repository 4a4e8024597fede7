import {
  parseScrapeConfigPool,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';

/**
 * Where a remediation sends the user to edit the cluster's federate job: the ScrapeConfig
 * resource its pool names, or the chart values file of the set-up.
 */
export function federateJobPlace(
  cluster: string,
  scrapePool?: string,
): { file?: string; where: string } {
  const resource = scrapePool ? parseScrapeConfigPool(scrapePool) : undefined;
  if (resource) {
    return {
      where: `the ScrapeConfig ${resource.namespace}/${resource.name} (scrape pool ${scrapePool}; its spec uses the camelCase fields)`,
    };
  }
  const file = repositoryLayout(cluster).scrapeConfigs;
  return { file, where: file };
}
