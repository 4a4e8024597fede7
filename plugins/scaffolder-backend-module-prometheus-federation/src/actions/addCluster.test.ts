import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  buildFederateJob,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from './addCluster';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';
import { runAction as run } from '../__testUtils__/runAction';
import {
  fixtureRepo,
  FixtureVariant,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import {
  parseTerraform,
  promtoolCheckRules,
  promtoolCheckScrapeConfigs,
  validateIngress,
} from '../__testUtils__/checks';

const paths = repositoryLayout('purple');
const HOST = 'prometheus-purple.talentos.darey.io';

const runAction = (
  workspacePath: string,
  input: Record<string, unknown>,
  isDryRun = false,
) => run(createAddClusterAction(), workspacePath, input, isDryRun);

/** The edit only inserted lines: the old text is the new one minus one contiguous block. */
function expectOnlyInsertion(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  expect(prefix + suffix).toBe(a.length);
  expect(b.length).toBeGreaterThan(a.length);
}

const variants: Array<[FixtureVariant, string]> = [
  ['federation-setup', 'aws_security_group_rule'],
  ['block-string', 'aws_security_group_rule'],
  ['comments-everywhere', 'aws_security_group_rule'],
  ['vpc-rule-style', 'aws_vpc_security_group_ingress_rule'],
];

describe('prometheus-federation:cluster:add', () => {
  afterEach(removeFixtureRepos);

  it.each(variants)(
    'adds cluster purple to the %s repository',
    async (variant, ruleStyle) => {
      const repo = fixtureRepo(variant);
      const before = readTree(repo);
      const { outputs } = await runAction(repo, { region: 'eu-west-1' });

      expect(outputs.changed).toBe(true);
      expect(outputs.changedFiles).toEqual([
        paths.ingress,
        paths.terraform,
        paths.scrapeConfigs,
        paths.alertRules,
      ]);
      const after = readTree(repo);
      // Nothing else in the repository changed.
      expect(Object.keys(after).sort()).toEqual(
        [...Object.keys(before), paths.ingress].sort(),
      );
      for (const file of Object.keys(before).filter(
        f => !outputs.changedFiles.includes(f),
      )) {
        expect(after[file]).toBe(before[file]);
      }

      // Scrape jobs: the new one is buildFederateJob's, verified TLS, and promtool accepts them all.
      expectOnlyInsertion(
        before[paths.scrapeConfigs],
        after[paths.scrapeConfigs],
      );
      const jobs = readScrapeJobs(after[paths.scrapeConfigs]);
      expect(jobs.map(j => j.job_name)).toEqual([
        'federate-blue',
        'federate-green',
        'federate-purple',
      ]);
      expect(jobs[2]).toEqual(
        buildFederateJob({ cluster: 'purple', host: HOST }),
      );
      expect(jobs[2].tls_config).toEqual({ insecure_skip_verify: false });
      await promtoolCheckScrapeConfigs(jobs);
      expect(readScrapeJobs(before[paths.scrapeConfigs])).toEqual(
        jobs.slice(0, 2),
      );

      // Terraform: only a block added, in the file's style, and HCL parses.
      expectOnlyInsertion(before[paths.terraform], after[paths.terraform]);
      const hcl = await parseTerraform(after[paths.terraform]);
      expect(Object.keys(hcl.resource)).toEqual([ruleStyle]);
      const rule = hcl.resource[ruleStyle].ops_to_purple_prometheus[0];
      expect(rule).toMatchObject({
        from_port: 443,
        to_port: 443,
        security_group_id:
          '${module.eks_cluster["purple"].node_security_group_id}',
      });
      const source =
        rule.source_security_group_id ?? rule.referenced_security_group_id;
      expect(source).toBe(
        '${module.eks_cluster["ops"].cluster_security_group_id}',
      );

      // Ingress: valid against the Kubernetes schema, styled after blue's.
      const ingress = validateIngress(after[paths.ingress]);
      expect(ingress.spec?.rules?.[0]).toMatchObject({ host: HOST });
      expect(ingress.spec?.rules?.[0].http?.paths[0].backend.service).toEqual({
        name: 'kube-prometheus-stack-prometheus',
        port: { number: 9090 },
      });
      expect(ingress.spec?.tls).toEqual([
        { hosts: [HOST], secretName: 'prometheus-purple-tls' },
      ]);
      expect(ingress.metadata?.annotations).toEqual({
        'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
        'external-dns.alpha.kubernetes.io/hostname': HOST,
        'nginx.ingress.kubernetes.io/backend-protocol': 'HTTP',
      });
      expect(after[paths.ingress]).toContain(
        '# Exposes the purple Prometheus to the ops cluster',
      );
      expect(after[paths.ingress]).not.toContain('blue');

      // Alert rules: clusters listed by name gain purple; promtool accepts the rules.
      expect(after[paths.alertRules]).toContain(
        'source_cluster=~"blue|green|purple"',
      );
      expect(after[paths.alertRules]).toContain(
        'job=~"federate-blue|federate-green|federate-purple"',
      );
      expect(after[paths.alertRules]).toContain('up{job=~"federate-.*"} == 0');
      await promtoolCheckRules(after[paths.alertRules]);

      // The PR body lists the files and the steps after merge.
      expect(outputs.body).toContain(paths.terraform);
      expect(outputs.body).toContain('terraform plan');
      expect(outputs.body).toContain(`dig ${HOST}`);

      // Idempotent: a second run changes nothing and says so.
      const second = await runAction(repo, { region: 'eu-west-1' });
      expect(second.outputs.changed).toBe(false);
      expect(second.outputs.changedFiles).toEqual([]);
      expect(readTree(repo)).toEqual(after);
      expect(second.ctx.logger.info).toHaveBeenCalledWith(
        'Nothing to change: cluster purple is already federated',
      );
    },
  );

  it('keeps every comment of the comments-everywhere values file', async () => {
    const repo = fixtureRepo('comments-everywhere');
    const before = fs.readFileSync(
      path.join(repo, paths.scrapeConfigs),
      'utf8',
    );
    await runAction(repo, {});
    const after = fs.readFileSync(path.join(repo, paths.scrapeConfigs), 'utf8');
    const comments = (text: string) =>
      text.split('\n').filter(l => l.includes('#'));
    expect(comments(after)).toEqual(comments(before));
    // The new job sits after green, before the comments that close the list.
    expect(after.indexOf('federate-purple')).toBeGreaterThan(
      after.indexOf('source_cluster: green'),
    );
    expect(after.indexOf('federate-purple')).toBeLessThan(
      after.indexOf('# more leaves go here'),
    );
  });

  it('re-embeds the block string values with their indentation', async () => {
    const repo = fixtureRepo('block-string');
    await runAction(repo, {});
    const after = fs.readFileSync(path.join(repo, paths.scrapeConfigs), 'utf8');
    // The inner YAML indents lists like its neighbours (not under their key) and quotes alike.
    expect(after).toContain(
      [
        "            - job_name: 'federate-purple'",
        '              honor_labels: true',
        "              metrics_path: '/federate'",
        '              scheme: https',
        '              tls_config:',
        '                insecure_skip_verify: false',
        '              params:',
        "                'match[]':",
        '                - \'{__name__=~".+"}\'',
        '              static_configs:',
        '              - targets:',
        "                - 'prometheus-purple.talentos.darey.io'",
        '                labels:',
        "                  source_cluster: 'purple'",
        '        alertmanager:',
      ].join('\n'),
    );
    const app = yaml.parse(after);
    expect(typeof app.spec.source.helm.values).toBe('string');
    expect(yaml.parse(app.spec.source.helm.values).alertmanager).toEqual({
      enabled: true,
    });
  });

  it('supports dry run: outputs the changes, writes nothing', async () => {
    const repo = fixtureRepo('federation-setup');
    const before = readTree(repo);
    const { outputs, ctx } = await runAction(repo, {}, true);
    expect(outputs.changedFiles).toHaveLength(4);
    expect(readTree(repo)).toEqual(before);
    // The unified diff of every file, as an output and in the log.
    expect(outputs.diff).toContain(`--- /dev/null\n+++ b/${paths.ingress}\n`);
    expect(outputs.diff).toContain(
      '-          expr: scrape_duration_seconds{job=~"federate-blue|federate-green"}',
    );
    expect(outputs.diff).toContain(
      "+                      source_cluster: 'purple'",
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(`+++ b/${paths.terraform}`),
    );
  });
});
