import { locateScrapeConfigs, scrapeConfigList } from '../editors/helmValues';

/** The scrape configs of an Application, values file or prometheus.yml, as plain objects, for tests. */
export function readScrapeJobs(content: string): any[] {
  const seq = scrapeConfigList(locateScrapeConfigs(content).host);
  return seq ? (seq.toJSON() as any[]) : [];
}
