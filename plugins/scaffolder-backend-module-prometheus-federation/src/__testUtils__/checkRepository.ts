import yaml from 'yaml';
import { locateScrapeConfigs, scrapeConfigList } from '../editors/helmValues';
import {
  renderScrapeConfig,
  scrapeConfigResourceOf,
} from '../editors/scrapeConfigResource';
import {
  parseTerraform,
  promtoolCheckRules,
  promtoolCheckScrapeConfigs,
  validateHttpRoute,
  validateIngress,
} from './checks';

/** The fields a ScrapeConfig must have for the operator to accept it (its CRD's schema, in short). */
function validateScrapeConfig(doc: any, file: string) {
  const problems = [
    doc.apiVersion === 'monitoring.coreos.com/v1alpha1' || 'apiVersion',
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(doc.metadata?.name ?? '') ||
      'metadata.name',
    ['HTTP', 'HTTPS', undefined].includes(doc.spec?.scheme) || 'spec.scheme',
    Array.isArray(doc.spec?.staticConfigs) || 'spec.staticConfigs',
  ].filter(p => p !== true);
  if (problems.length > 0)
    throw new Error(`${file}: invalid ScrapeConfig (${problems.join(', ')})`);
}

/**
 * Every check the team runs on a repository, on all of its files: Terraform through HashiCorp's
 * parser; Ingress, HTTPRoute and ScrapeConfig against their schemas; alert rules through
 * `promtool check rules`; and every scrape config ops Prometheus would run (chart values,
 * prometheus.yml, ScrapeConfigs rendered as the operator does) through `promtool check config`.
 */
export async function checkRepository(tree: Record<string, string>) {
  const scrapeConfigs: unknown[] = [];
  for (const [file, content] of Object.entries(tree)) {
    if (file.endsWith('.tf')) {
      await parseTerraform(content);
      continue;
    }
    if (!/\.ya?ml$/.test(file)) continue;
    const doc = yaml.parseDocument(content);
    const json = doc.toJS() ?? {};
    if (json.kind === 'Ingress') validateIngress(content);
    else if (json.kind === 'HTTPRoute') validateHttpRoute(content);
    else if (json.kind === 'PrometheusRule') await promtoolCheckRules(content);
    else if (json.kind === 'ScrapeConfig') {
      validateScrapeConfig(json, file);
      scrapeConfigs.push(renderScrapeConfig(scrapeConfigResourceOf(doc)!));
    } else if (
      json.scrape_configs ||
      json.prometheus ||
      json.spec?.source?.chart === 'kube-prometheus-stack'
    ) {
      const seq = scrapeConfigList(locateScrapeConfigs(content).host);
      scrapeConfigs.push(...((seq?.toJSON() as unknown[]) ?? []));
    }
  }
  await promtoolCheckScrapeConfigs(scrapeConfigs);
}
