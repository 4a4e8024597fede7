import path from 'node:path';
import { FIXTURES, readTree } from '../__testUtils__/fixtureRepo';
import { memoryRepo } from '../__testUtils__/memoryRepo';
import { planAddCluster } from '../plan/planAddCluster';
import { validateAddClusterInput } from '../validation/addClusterInput';
import { readInventory } from './readInventory';
import { placesOf } from './types';

const fixture = (variant: string) => ({
  ...readTree(path.join(FIXTURES, 'federation-setup')),
  ...readTree(path.join(FIXTURES, variant)),
});
const TF = 'terraform/prometheus-federation-security.tf';
const addPurple = (files: Record<string, string>) =>
  planAddCluster(
    validateAddClusterInput({
      cluster: 'purple',
      domain: 'talentos.darey.io',
    } as any),
    memoryRepo(files),
  );

describe('readInventory', () => {
  it('finds every place of a cluster, with file, construct and layout', async () => {
    const inventory = await readInventory(
      memoryRepo(fixture('scrape-config-resources')),
    );
    const blue = placesOf(inventory, 'blue').map(p => [
      p.part,
      p.layout,
      p.construct,
    ]);
    expect(blue).toEqual(
      expect.arrayContaining([
        ['exposure', 'ingress', 'Ingress prometheus-ingress'],
        [
          'scrapeJob',
          'scrapeConfigResource',
          'ScrapeConfig monitoring/federate-blue (job federate-blue)',
        ],
        [
          'securityRule',
          'terraformModule',
          'module.prometheus_federation_blue',
        ],
        [
          'alertRules',
          'prometheusRule',
          'rule PrometheusFederationNoMetrics, list 1',
        ],
      ]),
    );
    // The blackbox ScrapeConfig and the lookup module are not federation.
    expect(
      inventory.places.filter(p => /blackbox|lookup/.test(p.construct)),
    ).toEqual([]);
    const spans = placesOf(inventory, 'blue', 'securityRule')[0].span;
    expect(fixture('scrape-config-resources')[TF].slice(...spans)).toMatch(
      /^module "prometheus_federation_blue" \{[\s\S]*\}$/,
    );
  });

  it('reads each item of a for_each list and map as a place', async () => {
    const list = await readInventory(memoryRepo(fixture('terraform-for-each')));
    expect(
      list.places
        .filter(p => p.part === 'securityRule')
        .map(p => [p.cluster, p.construct]),
    ).toEqual([
      [
        'blue',
        'local.federated_clusters (for_each of aws_security_group_rule.ops_to_leaf_prometheus)',
      ],
      [
        'green',
        'local.federated_clusters (for_each of aws_security_group_rule.ops_to_leaf_prometheus)',
      ],
    ]);
    const map = await readInventory(
      memoryRepo(fixture('terraform-for-each-map')),
    );
    expect(
      map.places.filter(p => p.part === 'securityRule').map(p => p.cluster),
    ).toEqual(['blue', 'green']);
  });

  it('names a shape it does not understand, and add refuses it with nothing planned', async () => {
    const files = {
      ...fixture('terraform-for-each'),
      [TF]: fixture('terraform-for-each')[TF].replace(
        'toset(local.federated_clusters)',
        'toset(data.terraform_remote_state.eks.outputs.leaves)',
      ),
    };
    const inventory = await readInventory(memoryRepo(files));
    expect(inventory.unknown).toEqual([
      {
        file: TF,
        part: 'securityRule',
        construct:
          'aws_security_group_rule.ops_to_leaf_prometheus for_each = toset(data.terraform_remote_state.eks.outputs.leaves)',
        reason:
          'only a local or variable (optionally through toset) is understood',
      },
    ]);
    await expect(addPurple(files)).rejects.toThrow(
      `${TF}: aws_security_group_rule.ops_to_leaf_prometheus for_each = toset(data.terraform_remote_state.eks.outputs.leaves) is not a layout the action supports`,
    );
  });

  it('refuses to add beside two layouts of one part', async () => {
    const values =
      'argocd/applications/prod-ops/applications/kube-prometheus-stack.yaml';
    // The set-up's chart values with their federate jobs, beside the ScrapeConfigs.
    const withBoth = {
      ...fixture('scrape-config-resources'),
      [values]: fixture('federation-setup')[values],
    };
    await expect(addPurple(withBoth)).rejects.toThrow(
      'The repository writes scrapeJob in more than one layout',
    );
  });
});
