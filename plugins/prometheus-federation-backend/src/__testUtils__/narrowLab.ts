import type { Lab } from '@promfed/federation-lab';
import { narrowScrapeJob } from '@promfed/plugin-scaffolder-backend-module-prometheus-federation';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';

/** An instant query on the lab's ops Prometheus: the result vector. */
export async function opsQuery(lab: Lab, expr: string): Promise<any[]> {
  const res = await fetch(
    `${lab.opsPrometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`,
  );
  const body = await res.json();
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data.result;
}

/** The federate job's last scrape, as ops Prometheus recorded it (extra-scrape-metrics). */
export async function scrapeFigures(lab: Lab, job: string) {
  const value = async (metric: string) =>
    Number((await opsQuery(lab, `${metric}{job="${job}"}`))[0]?.value[1]);
  return {
    samples: await value('scrape_samples_scraped'),
    bytes: await value('scrape_body_size_bytes'),
    duration: await value('scrape_duration_seconds'),
  };
}

/**
 * Narrows a job of the lab's ops config with the narrow action's editor (on the jobs as the
 * chart's values hold them), checks the config with promtool and reloads ops Prometheus.
 */
export async function applyNarrowing(
  lab: Lab,
  job: string,
  selectors: string[],
): Promise<void> {
  const file = path.join(lab.dir, 'prometheus', 'ops.yml');
  const config = yaml.parse(fs.readFileSync(file, 'utf8'));
  const values = yaml.stringify({
    prometheus: {
      prometheusSpec: { additionalScrapeConfigs: config.scrape_configs },
    },
  });
  const edited = narrowScrapeJob(values, job, selectors);
  config.scrape_configs = yaml.parse(
    edited.content,
  ).prometheus.prometheusSpec.additionalScrapeConfigs;
  fs.writeFileSync(file, yaml.stringify(config));
  execFileSync('promtool', ['check', 'config', '--syntax-only', file]);
  const res = await fetch(`${lab.opsPrometheusUrl}/-/reload`, {
    method: 'POST',
  });
  if (!res.ok) throw new Error(`reload: HTTP ${res.status}`);
}

/** Before and after, side by side, as a Markdown table. */
export function figuresTable(
  title: string,
  before: Record<'samples' | 'bytes' | 'duration', number>,
  after: Record<'samples' | 'bytes' | 'duration', number>,
): string {
  return [
    `| ${title} | before | after | factor |`,
    '|---|---|---|---|',
    ...(['samples', 'bytes', 'duration'] as const).map(
      k =>
        `| ${k === 'duration' ? 'duration (s)' : k} | ${before[k]} | ${
          after[k]
        } | ${(before[k] / after[k]).toFixed(1)}x |`,
    ),
  ].join('\n');
}
