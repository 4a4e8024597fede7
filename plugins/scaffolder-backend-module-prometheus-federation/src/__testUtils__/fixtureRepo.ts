import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../__fixtures__');

/**
 * The fixture variants: each is the federation-setup repository (the files of
 * docs/federation-setup.md) with some files replaced.
 */
export type FixtureVariant =
  | 'federation-setup'
  | 'block-string'
  | 'comments-everywhere'
  | 'vpc-rule-style'
  | 'existing-cluster'
  | 'existing-equivalent'
  | 'alert-rule-forms'
  | 'terraform-locals'
  | 'terraform-variables'
  | 'gateway-api'
  | 'scrape-config-resources'
  | 'terraform-for-each'
  | 'terraform-for-each-map'
  | 'prometheus-yml';

/** Files of federation-setup a variant does not have (the Gateway layout has no Ingress). */
const ABSENT: Partial<Record<FixtureVariant, string[]>> = {
  'gateway-api': [
    'argocd/applications/prod-blue/cluster-resources/prometheus-ingress.yaml',
    'argocd/applications/prod-green/cluster-resources/prometheus-ingress.yaml',
  ],
  // The ops Prometheus runs from prometheus/prometheus.yml, without kube-prometheus-stack.
  'prometheus-yml': [
    'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml',
  ],
};

const created: string[] = [];

/**
 * A fresh copy of a fixture repository in a temporary folder. Test files remove the copies
 * with `afterEach(removeFixtureRepos)`.
 */
export function fixtureRepo(variant: FixtureVariant): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `federation-${variant}-`));
  created.push(dir);
  fs.cpSync(path.join(FIXTURES, 'federation-setup'), dir, { recursive: true });
  if (variant !== 'federation-setup') {
    fs.cpSync(path.join(FIXTURES, variant), dir, { recursive: true });
  }
  for (const file of ABSENT[variant] ?? []) fs.rmSync(path.join(dir, file));
  return dir;
}

/** Removes every copy fixtureRepo made so far. */
export async function removeFixtureRepos(): Promise<void> {
  await Promise.all(
    created
      .splice(0)
      .map(dir => fs.promises.rm(dir, { recursive: true, force: true })),
  );
}

/** Every file under a folder, relative path to content. */
export { readFileTree as readTree } from '@promfed/federation-lab';
