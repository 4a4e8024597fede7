/**
 * Benchmark: prometheus-federation:cluster:add on an ops values file of 10,000 lines holding
 * 50 federate jobs, in both Helm values forms. Times the whole action (read, edit, HCL and YAML
 * checks, atomic write) and the scrape job editor alone; prints the medians and writes them to
 * artifacts/bench/scaffolder.json.
 *
 *   npx tsx bench/addCluster.bench.ts [runs]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  buildFederateJob,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from '../src/actions/addCluster';
import { addScrapeJob } from '../src/editors/scrapeJobs';

const RUNS = Number(process.argv[2] ?? 21);
const TARGET_LINES = 10_000;
const JOBS = 50;
const FIXTURE = path.resolve(__dirname, '../src/__fixtures__/federation-setup');
const OUT = path.resolve(__dirname, '../../../artifacts/bench/scaffolder.json');

/** Chart values: 50 federate jobs and enough other settings to reach 10,000 lines. */
function valuesLines(indent: string): string[] {
  const lines: string[] = [
    'grafana:',
    '  enabled: false',
    'prometheus:',
    '  prometheusSpec:',
    '    retention: 30d',
  ];
  const jobs: string[] = ['    additionalScrapeConfigs:'];
  for (let i = 0; i < JOBS; i++) {
    jobs.push(
      `      # leaf ${i}`,
      `      - job_name: 'federate-leaf-${i}'`,
      '        honor_labels: true',
      "        metrics_path: '/federate'",
      '        scheme: https',
      '        tls_config:',
      '          insecure_skip_verify: false',
      '        params:',
      "          'match[]':",
      `            - '{__name__=~".+"}'`,
      '        static_configs:',
      '          - targets:',
      `              - 'prometheus-leaf-${i}.talentos.darey.io'`,
      '            labels:',
      `              source_cluster: 'leaf-${i}'`,
    );
  }
  // Filler: the kind of long rule lists real values files carry.
  const filler: string[] = [
    'additionalPrometheusRulesMap:',
    '  filler:',
    '    groups:',
  ];
  let n = 0;
  while (lines.length + jobs.length + filler.length + 2 < TARGET_LINES) {
    filler.push(
      `      - name: group-${n}`,
      '        rules:',
      `          - record: job:filler_${n}:rate5m`,
      `            expr: sum by (job) (rate(http_requests_total{group="${n}"}[5m])) # filler ${n}`,
    );
    n++;
  }
  return [...lines, ...jobs, ...filler].map(l => (l ? indent + l : l));
}

function application(form: 'valuesObject' | 'values'): string {
  const head = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: kube-prometheus-stack',
    '  namespace: argocd',
    'spec:',
    '  project: default',
    '  source:',
    '    repoURL: https://prometheus-community.github.io/helm-charts',
    '    chart: kube-prometheus-stack',
    '    targetRevision: 65.1.1',
    '    helm:',
    form === 'valuesObject' ? '      valuesObject:' : '      values: |',
  ];
  const tail = [
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '    namespace: monitoring',
  ];
  return `${[...head, ...valuesLines('        '), ...tail].join('\n')}\n`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function benchForm(form: 'valuesObject' | 'values') {
  const content = application(form);
  const lines = content.split('\n').length - 1;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'federation-bench-'));
  try {
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    const paths = repositoryLayout('purple');
    const valuesFile = path.join(workspace, paths.scrapeConfigs);
    const originals = Object.fromEntries(
      [paths.terraform, paths.alertRules].map(p => [
        p,
        fs.readFileSync(path.join(workspace, p), 'utf8'),
      ]),
    );
    const action = createAddClusterAction();
    const silent = {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child: () => silent,
    };

    const actionMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Reset the repository: every run adds the cluster to the same starting files.
      fs.writeFileSync(valuesFile, content);
      for (const [p, c] of Object.entries(originals))
        fs.writeFileSync(path.join(workspace, p), c);
      fs.rmSync(path.join(workspace, paths.ingress), { force: true });
      const outputs: Record<string, unknown> = {};
      const ctx: any = {
        input: { cluster: 'purple', domain: 'talentos.darey.io' },
        workspacePath: workspace,
        logger: silent,
        output: (k: string, v: unknown) => (outputs[k] = v),
        isDryRun: false,
        checkpoint: async (o: any) => o.fn(),
      };
      const start = performance.now();
      await action.handler(ctx);
      actionMs.push(performance.now() - start);
      if ((outputs.changedFiles as string[]).length !== 4)
        throw new Error('The action did not change the 4 files');
    }

    const job = buildFederateJob({
      cluster: 'purple',
      host: 'prometheus-purple.talentos.darey.io',
    });
    const editorMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      addScrapeJob(content, job);
      editorMs.push(performance.now() - start);
    }
    return {
      form,
      lines,
      existingJobs: JOBS,
      runs: RUNS,
      actionMedianMs: Number(median(actionMs).toFixed(1)),
      actionMaxMs: Number(Math.max(...actionMs).toFixed(1)),
      scrapeEditorMedianMs: Number(median(editorMs).toFixed(1)),
    };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function main() {
  const results = [await benchForm('valuesObject'), await benchForm('values')];
  const report = {
    benchmark: 'prometheus-federation:cluster:add',
    node: process.version,
    cpus: os.cpus().length,
    goalMs: 1000,
    results,
    pass: results.every(r => r.actionMedianMs < 1000),
    date: new Date().toISOString(),
  };
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  if (!report.pass) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
