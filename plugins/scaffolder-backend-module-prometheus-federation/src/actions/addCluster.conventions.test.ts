import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from './addCluster';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';
import { parseTerraform, promtoolCheckRules } from '../__testUtils__/checks';

const paths = repositoryLayout('purple');
const add = (repo: string, input: Record<string, unknown> = {}) =>
  runAction(createAddClusterAction(), repo, input);

describe('prometheus-federation:cluster:add on the forms repositories use', () => {
  afterEach(removeFixtureRepos);

  it('adds the cluster to every rule form, and names the rules it cannot update', async () => {
    const repo = fixtureRepo('alert-rule-forms');
    const { outputs } = await add(repo);
    const rules = readTree(repo)[paths.alertRules];
    expect(rules).toContain(
      `expr: 'up{job=~"federate-blue|federate-green|federate-purple"} == 0'`,
    );
    expect(rules).toContain(
      'or rate(up{source_cluster="green", job=~"federate-.*"}[10m]) < 1 or rate(up{source_cluster="purple", job=~"federate-.*"}[10m]) < 1\n',
    );
    expect(rules).toContain(
      '            or absent(http_requests_total{source_cluster="green"})\n            or absent(http_requests_total{source_cluster="purple"})\n',
    );
    expect(rules).toContain('expr: up{job="federate-blue"} == 0');
    await promtoolCheckRules(rules);
    // The body claims only what was done.
    expect(outputs.body).toContain(
      '  - now list `purple`: `PrometheusFederationDown`, `PrometheusFederationScrapeErrors`, `PrometheusFederationNoMetrics`',
    );
    expect(outputs.body).toContain(
      '  - **not updated, edit by hand**: `BlueCanaryDown`: it names `job="federate-blue"` outside a list of clusters',
    );
    expect(outputs.body).toContain(
      '  - **not updated, edit by hand**: `PrometheusFederationHighLatency`: its expression is a folded block',
    );
  });

  it("follows the siblings' local, attribute order and wording", async () => {
    const repo = fixtureRepo('terraform-locals');
    const before = readTree(repo)[paths.terraform];
    await add(repo);
    const after = readTree(repo)[paths.terraform];
    expect(after).toBe(
      before.replace(
        '\n\noutput',
        `\n\nresource "aws_security_group_rule" "ops_to_purple_prometheus" {
  security_group_id        = module.eks_cluster["purple"].node_security_group_id
  source_security_group_id = local.ops_cluster_sg_id
  type                     = "ingress"
  protocol                 = "tcp"
  from_port                = 443
  to_port                  = 443
  description              = "Prometheus federation: ops -> purple (tcp 443)"
}\n\noutput`,
      ),
    );
    const hcl = await parseTerraform(after);
    expect(
      hcl.resource.aws_security_group_rule.ops_to_purple_prometheus[0]
        .source_security_group_id,
    ).toBe('${local.ops_cluster_sg_id}');
  });

  it("follows the siblings' variable, module and tags", async () => {
    const repo = fixtureRepo('terraform-variables');
    await add(repo);
    const hcl = await parseTerraform(readTree(repo)[paths.terraform]);
    const rule =
      hcl.resource.aws_vpc_security_group_ingress_rule
        .ops_to_purple_prometheus[0];
    expect(rule).toMatchObject({
      referenced_security_group_id: '${var.ops_security_group_id}',
      security_group_id: '${module.leaf["purple"].node_security_group_id}',
      description: 'purple: ops Prometheus federation',
    });
    expect(rule.tags).toMatch(
      /Name += "ops-to-purple-prometheus"\n *Cluster = "purple"/,
    );
  });

  it('counts equivalent existing rules and jobs as present', async () => {
    const repo = fixtureRepo('existing-equivalent');
    const before = readTree(repo);
    const { outputs } = await add(repo);
    expect(outputs.unchangedFiles).toEqual([
      paths.terraform,
      paths.scrapeConfigs,
    ]);
    for (const file of [paths.terraform, paths.scrapeConfigs])
      expect(readTree(repo)[file]).toBe(before[file]);
  });
});
