import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yaml from 'yaml';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { unescapeTpl } from '../editors/tplEscape';

const run = promisify(execFile);
const PROMTOOL = '/usr/bin/promtool';

function promtool(): string {
  if (!fs.existsSync(PROMTOOL)) {
    throw new Error(
      `${PROMTOOL} is missing: install it with "apt-get install prometheus"`,
    );
  }
  return PROMTOOL;
}

async function withTempFile<T>(
  name: string,
  content: string,
  use: (file: string) => Promise<T>,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'federation-check-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  try {
    return await use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `promtool check config` on a minimal prometheus.yml holding the scrape configs, as the chart's
 * `tpl` renders them (escaped `{{` turned back into `{{`).
 */
export async function promtoolCheckScrapeConfigs(
  scrapeConfigs: unknown[],
): Promise<string> {
  const config = yaml.stringify({
    global: { scrape_interval: '30s' },
    scrape_configs: unescapeTpl(scrapeConfigs),
  });
  return withTempFile('prometheus.yml', config, async file => {
    try {
      const { stdout, stderr } = await run(promtool(), [
        'check',
        'config',
        '--syntax-only',
        file,
      ]);
      return `${stdout}${stderr}`;
    } catch (error: any) {
      throw new Error(
        `promtool check config failed:\n${error.stdout ?? ''}${
          error.stderr ?? error.message
        }\n---\n${config}`,
      );
    }
  });
}

/** `promtool check rules` on the groups of a PrometheusRule. */
export async function promtoolCheckRules(
  prometheusRule: string,
): Promise<string> {
  const groups = yaml.parse(prometheusRule).spec.groups;
  return withTempFile('rules.yml', yaml.stringify({ groups }), async file => {
    try {
      const { stdout } = await run(promtool(), ['check', 'rules', file]);
      return stdout;
    } catch (error: any) {
      throw new Error(
        `promtool check rules failed:\n${error.stdout ?? ''}${
          error.stderr ?? error.message
        }`,
      );
    }
  });
}

/** Parses with HashiCorp's HCL parser (hcl2json, compiled to wasm). */
export async function parseTerraform(content: string): Promise<any> {
  return parseHcl('main.tf', content);
}

/** Validates against the Kubernetes networking.k8s.io/v1 Ingress schema; returns the object. */
export function validateIngress(content: string): Ingress {
  const docs = yaml.parseAllDocuments(content);
  if (docs.length !== 1 || docs[0].errors.length > 0) {
    throw new Error(
      `Not a single YAML document: ${docs[0]?.errors[0]?.message}`,
    );
  }
  const ingress = new Ingress(docs[0].toJS());
  ingress.validate();
  return ingress;
}
