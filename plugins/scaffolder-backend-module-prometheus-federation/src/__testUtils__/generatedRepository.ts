import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import {
  buildFederateJob,
  leafHost,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { buildClusterEntity } from '../editors/catalogEntity';
import { toScrapeConfigSpec } from '../editors/scrapeConfigResource';
import { FIXTURES } from './fixtureRepo';

// Repositories generated from a shape (a layout per part, a list of clusters), for the property
// test: each part written the way a team would, with another job and rule beside the federation.

export const SCRAPE_LAYOUTS = [
  'valuesObject',
  'valuesString',
  'prometheusYml',
  'scrapeConfig',
] as const;
export const TERRAFORM_LAYOUTS = ['resource', 'forEach', 'module'] as const;
export const EXPOSURE_LAYOUTS = ['ingress', 'httpRoute'] as const;

export interface RepositoryShape {
  scrape: (typeof SCRAPE_LAYOUTS)[number];
  terraform: (typeof TERRAFORM_LAYOUTS)[number];
  exposure: (typeof EXPOSURE_LAYOUTS)[number];
  clusters: string[];
}

const DOMAIN = 'talentos.darey.io';
const layout = repositoryLayout('x');
const job = (c: string) =>
  buildFederateJob({
    cluster: c,
    host: leafHost(c, DOMAIN),
    match: ['{__name__=~"up|http_requests_total"}'],
  });
const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map(l => (l ? ' '.repeat(n) + l : l))
    .join('\n');

function application(values: object | undefined, asString: boolean): string {
  const head = `# kube-prometheus-stack on the ops cluster.
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: kube-prometheus-stack
  namespace: argocd
spec:
  source:
    repoURL: https://prometheus-community.github.io/helm-charts
    chart: kube-prometheus-stack
    targetRevision: 65.1.1
    helm:
`;
  const body = yaml.stringify(values ?? { grafana: { enabled: false } });
  return asString
    ? `${head}      values: |\n${indent(body, 8)}`
    : `${head}      valuesObject:\n${indent(body, 8)}`;
}

function scrapeFiles(shape: RepositoryShape): Record<string, string> {
  const jobs = shape.clusters.map(job);
  const other = {
    job_name: 'node',
    static_configs: [{ targets: ['node-exporter:9100'] }],
  };
  switch (shape.scrape) {
    case 'prometheusYml':
      return {
        'prometheus/prometheus.yml': `# ops Prometheus\n${yaml.stringify({
          global: { scrape_interval: '30s' },
          scrape_configs: [other, ...jobs],
        })}`,
      };
    case 'scrapeConfig':
      return {
        [layout.scrapeConfigs]: application(
          {
            prometheus: {
              prometheusSpec: {
                scrapeConfigSelector: { matchLabels: { prometheus: 'ops' } },
              },
            },
          },
          false,
        ),
        ...Object.fromEntries(
          jobs.map((j, i) => [
            `argocd/applications/prod-ops/cluster-resources/scrapeconfigs/federate-${shape.clusters[i]}.yaml`,
            `# Federation from ${shape.clusters[i]}.\n${yaml.stringify({
              apiVersion: 'monitoring.coreos.com/v1alpha1',
              kind: 'ScrapeConfig',
              metadata: {
                name: j.job_name,
                namespace: 'monitoring',
                labels: { prometheus: 'ops' },
              },
              spec: toScrapeConfigSpec(j),
            })}`,
          ]),
        ),
      };
    default:
      return {
        [layout.scrapeConfigs]: application(
          {
            prometheus: {
              prometheusSpec: {
                retention: '30d',
                additionalScrapeConfigs: [other, ...jobs],
              },
            },
          },
          shape.scrape === 'valuesString',
        ),
      };
  }
}

function terraformFile(shape: RepositoryShape): string {
  const tf = (c: string) => c.replace(/-/g, '_');
  const head = '# Prometheus federation: ops reaches each leaf on tcp 443.\n\n';
  if (shape.terraform === 'forEach') {
    return `${head}locals {\n  federated_clusters = [\n${shape.clusters
      .map(c => `    "${c}",`)
      .join(
        '\n',
      )}\n  ]\n}\n\nresource "aws_security_group_rule" "ops_to_leaf_prometheus" {\n  for_each = toset(local.federated_clusters)\n\n  type                     = "ingress"\n  from_port                = 443\n  to_port                  = 443\n  protocol                 = "tcp"\n  source_security_group_id = module.eks_cluster["ops"].cluster_security_group_id\n  security_group_id        = module.eks_cluster[each.key].node_security_group_id\n}\n`;
  }
  if (shape.terraform === 'module') {
    return `${head}${shape.clusters
      .map(
        c =>
          `# ${c}\nmodule "prometheus_federation_${tf(
            c,
          )}" {\n  source  = "./modules/prometheus-federation-access"\n  cluster = "${c}"\n  port    = 443\n}\n`,
      )
      .join('\n')}`;
  }
  return `${head}${shape.clusters
    .map(
      c =>
        `resource "aws_security_group_rule" "ops_to_${tf(
          c,
        )}_prometheus" {\n  type                     = "ingress"\n  from_port                = 443\n  to_port                  = 443\n  protocol                 = "tcp"\n  source_security_group_id = module.eks_cluster["ops"].cluster_security_group_id\n  security_group_id        = module.eks_cluster["${c}"].node_security_group_id\n}\n`,
    )
    .join('\n')}`;
}

function alertRules(clusters: string[]): string {
  return `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: prometheus-federation-health
  namespace: monitoring
spec:
  groups:
    - name: prometheus-federation
      rules:
        - alert: PrometheusFederationDown
          expr: up{job=~"federate-.*"} == 0
        - alert: PrometheusFederationNoMetrics
          expr: absent_over_time(up{source_cluster=~"${clusters.join(
            '|',
          )}"}[10m])
`;
}

/** The files of a repository of the given shape. */
export function generateRepository(
  shape: RepositoryShape,
): Record<string, string> {
  const sample = (variant: string, file: string) =>
    fs.readFileSync(path.join(FIXTURES, variant, file), 'utf8');
  const leaf = (c: string) => repositoryLayout(c);
  const files: Record<string, string> = {
    ...scrapeFiles(shape),
    [layout.terraform]: terraformFile(shape),
    [layout.alertRules]: alertRules(shape.clusters),
  };
  for (const c of shape.clusters) {
    const swap = (text: string) => text.replace(/blue/g, c);
    if (shape.exposure === 'ingress') {
      files[leaf(c).ingress] = swap(
        sample('federation-setup', leaf('blue').ingress),
      );
    } else {
      const route = leaf('blue').ingress.replace(
        'prometheus-ingress',
        'prometheus-httproute',
      );
      files[route.replace('blue', c)] = swap(sample('gateway-api', route));
    }
    files[leaf(c).catalogEntity] = buildClusterEntity({
      cluster: c,
      host: leafHost(c, DOMAIN),
      region: 'eu-west-1',
      owner: 'group:platform',
    }).content;
  }
  return files;
}

/** Writes the files into a new temporary folder; returns it. */
export function writeRepository(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'federation-generated-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
