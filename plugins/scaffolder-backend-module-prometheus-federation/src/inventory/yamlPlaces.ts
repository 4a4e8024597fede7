import { Document, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import {
  CLUSTER_ANNOTATION,
  federateJobName,
} from '@promfed/plugin-prometheus-federation-common';
import { listedClusters } from '../editors/clusterLists';
import { locateScrapeConfigs, scrapeConfigList } from '../editors/helmValues';
import { scrapeConfigResourceOf } from '../editors/scrapeConfigResource';
import type { Place, UnknownShape } from './types';

const FEDERATE_PREFIX = federateJobName('');

/** The cluster a federate job name belongs to, if it is one. */
export function clusterOfJob(jobName: unknown): string | undefined {
  const name = String(jobName ?? '');
  return name.startsWith(FEDERATE_PREFIX) &&
    name.length > FEDERATE_PREFIX.length
    ? name.slice(FEDERATE_PREFIX.length)
    : undefined;
}

/** The leaf cluster of a `prometheus-<cluster>.<domain>` host. */
function clusterOfHost(host: unknown): string | undefined {
  return /^prometheus-([a-z0-9][-a-z0-9]*)\./.exec(String(host ?? ''))?.[1];
}

const range = (node: any): [number, number] =>
  node?.range ? [node.range[0], node.range[1]] : [0, 0];

/**
 * The places one YAML file federates clusters in: scrape jobs (chart values, prometheus.yml,
 * ScrapeConfig resources), alert rules (PrometheusRule or a rule file), an Ingress or
 * HTTPRoute of a leaf Prometheus, a catalog Resource annotated with its cluster.
 */
export function yamlPlaces(
  file: string,
  content: string,
): { places: Place[]; unknown: UnknownShape[] } {
  const places: Place[] = [];
  const unknown: UnknownShape[] = [];
  const docs = parseAllDocuments(content, { uniqueKeys: false });
  if (!Array.isArray(docs) || docs.some(d => d.errors.length > 0)) {
    return {
      places,
      unknown: [{ file, construct: 'the file', reason: 'not valid YAML' }],
    };
  }
  for (const doc of docs) {
    const add = (p: Omit<Place, 'file'>) => places.push({ file, ...p });
    try {
      readDocument(doc, docs.length === 1 ? content : undefined, add, shape =>
        unknown.push({ file, ...shape }),
      );
    } catch (error) {
      unknown.push({
        file,
        part:
          isMap(doc.contents) && holdsScrapeConfigs(doc.contents)
            ? 'scrapeJob'
            : undefined,
        construct: String(doc.get('kind') ?? 'a document'),
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { places, unknown };
}

function readDocument(
  doc: Document,
  wholeFile: string | undefined,
  add: (p: Omit<Place, 'file'>) => void,
  unknown: (shape: Omit<UnknownShape, 'file'>) => void,
) {
  const root = doc.contents;
  if (!isMap(root)) return;
  const kind = root.get('kind');
  const resource = scrapeConfigResourceOf(doc);
  if (resource) {
    const cluster = clusterOfJob(resource.jobName);
    if (cluster) {
      add({
        part: 'scrapeJob',
        layout: 'scrapeConfigResource',
        cluster,
        construct: `ScrapeConfig ${resource.namespace}/${resource.name} (job ${resource.jobName})`,
        span: range(root),
      });
    }
    return;
  }
  if (kind === 'PrometheusRule' || (kind === undefined && root.has('groups'))) {
    readAlertRules(doc, add, unknown);
    return;
  }
  if (kind === 'Ingress' || kind === 'HTTPRoute') {
    const hosts =
      kind === 'Ingress'
        ? ((doc.getIn(['spec', 'rules']) as any)?.toJSON?.() ?? []).map(
            (r: any) => r?.host,
          )
        : (doc.getIn(['spec', 'hostnames']) as any)?.toJSON?.() ?? [];
    const clusters = new Set(hosts.map(clusterOfHost).filter(Boolean));
    for (const cluster of clusters) {
      add({
        part: 'exposure',
        layout: kind === 'Ingress' ? 'ingress' : 'httpRoute',
        cluster: cluster as string,
        construct: `${kind} ${doc.getIn(['metadata', 'name'])}`,
        span: range(root),
      });
    }
    return;
  }
  if (kind === 'Resource') {
    const cluster = doc.getIn(['metadata', 'annotations', CLUSTER_ANNOTATION]);
    if (typeof cluster === 'string') {
      add({
        part: 'catalogEntity',
        layout: 'catalogFile',
        cluster,
        construct: `catalog Resource ${doc.getIn(['metadata', 'name'])}`,
        span: range(root),
      });
    }
    return;
  }
  if (wholeFile !== undefined && holdsScrapeConfigs(root)) {
    readScrapeJobs(wholeFile, add);
  }
}

/** An Argo CD Application of kube-prometheus-stack, a values file or a prometheus.yml. */
function holdsScrapeConfigs(root: any): boolean {
  if (root.has('prometheus') || root.has('scrape_configs')) return true;
  if (root.get('kind') !== 'Application') return false;
  const json = JSON.stringify(root.toJSON()?.spec ?? {});
  return json.includes('kube-prometheus-stack');
}

function readScrapeJobs(
  content: string,
  add: (p: Omit<Place, 'file'>) => void,
) {
  const { host, values } = locateScrapeConfigs(content);
  const seq = scrapeConfigList(host);
  for (const item of seq?.items ?? []) {
    if (!isMap(item)) continue;
    const cluster = clusterOfJob(item.get('job_name'));
    if (!cluster) continue;
    add({
      part: 'scrapeJob',
      layout: host.where === 'prometheus.yml' ? 'prometheusYml' : 'helmValues',
      cluster,
      construct: `job ${item.get('job_name')} in ${host.where}`,
      span: values ? range(values) : range(item),
    });
  }
}

/** Each list of clusters in each rule; rules naming clusters another way are unknown shapes. */
function readAlertRules(
  doc: Document,
  add: (p: Omit<Place, 'file'>) => void,
  unknown: (shape: Omit<UnknownShape, 'file'>) => void,
) {
  const groups =
    doc.get('kind') === 'PrometheusRule'
      ? doc.getIn(['spec', 'groups'], true)
      : doc.get('groups', true);
  if (!isSeq(groups)) return;
  for (const group of groups.items) {
    const rules = isMap(group) ? group.get('rules', true) : undefined;
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      if (!isMap(rule)) continue;
      const expr = rule.get('expr', true);
      if (!isScalar(expr) || typeof expr.value !== 'string') continue;
      const name = String(rule.get('alert') ?? rule.get('record') ?? '?');
      const lists = listedClusters(expr.value);
      if (lists.length > 0 && expr.type === 'BLOCK_FOLDED') {
        unknown({
          part: 'alertRules',
          construct: `rule ${name}`,
          reason: 'its expression is a folded block (`>`)',
        });
        continue;
      }
      lists.forEach((list, i) => {
        for (const cluster of list.clusters) {
          add({
            part: 'alertRules',
            layout: 'prometheusRule',
            cluster,
            construct: `rule ${name}, list ${i + 1}`,
            span: range(expr),
          });
        }
      });
    }
  }
}
