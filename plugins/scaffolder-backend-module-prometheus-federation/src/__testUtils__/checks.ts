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

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HOSTNAME =
  /^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;

/**
 * Checks an HTTPRoute against the parts of the Gateway API v1 schema the action writes
 * (kubernetes-models ships no Gateway API types): required fields, names, hostnames, ports,
 * path match types, and no unknown keys in spec. Returns the object.
 */
export function validateHttpRoute(content: string): any {
  const route = yaml.parse(content);
  const fail = (why: string) => {
    throw new Error(`Invalid HTTPRoute: ${why}`);
  };
  if (route?.apiVersion !== 'gateway.networking.k8s.io/v1') fail('apiVersion');
  if (route.kind !== 'HTTPRoute') fail('kind');
  if (!DNS_LABEL.test(route.metadata?.name ?? '')) fail('metadata.name');
  if (!DNS_LABEL.test(route.metadata?.namespace ?? ''))
    fail('metadata.namespace');
  const spec = route.spec ?? {};
  const unknown = Object.keys(spec).filter(
    k => !['parentRefs', 'hostnames', 'rules'].includes(k),
  );
  if (unknown.length > 0) fail(`unknown spec keys ${unknown.join(', ')}`);
  if (!Array.isArray(spec.parentRefs) || spec.parentRefs.length === 0)
    fail('spec.parentRefs');
  for (const ref of spec.parentRefs) {
    if (!DNS_LABEL.test(ref.name ?? '')) fail('parentRefs[].name');
    if (ref.namespace !== undefined && !DNS_LABEL.test(ref.namespace))
      fail('parentRefs[].namespace');
  }
  if (
    !Array.isArray(spec.hostnames) ||
    spec.hostnames.some(
      (h: unknown) => typeof h !== 'string' || !HOSTNAME.test(h),
    )
  )
    fail('spec.hostnames');
  if (!Array.isArray(spec.rules) || spec.rules.length === 0) fail('spec.rules');
  for (const rule of spec.rules) {
    for (const match of rule.matches ?? []) {
      if (
        !['Exact', 'PathPrefix', 'RegularExpression'].includes(match.path?.type)
      )
        fail('rules[].matches[].path.type');
    }
    if (!Array.isArray(rule.backendRefs) || rule.backendRefs.length === 0)
      fail('rules[].backendRefs');
    for (const ref of rule.backendRefs) {
      if (!DNS_LABEL.test(ref.name ?? '')) fail('backendRefs[].name');
      if (!Number.isInteger(ref.port) || ref.port < 1 || ref.port > 65535)
        fail('backendRefs[].port');
    }
  }
  return route;
}
