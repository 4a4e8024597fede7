import { createAddClusterAction } from './addCluster';
import { createNarrowClusterAction } from './narrowCluster';
import { createRemoveClusterAction } from './removeCluster';
import { PART_TITLES } from './effectSection';
import { readInventory } from '../inventory/readInventory';
import { PARTS, placesOf } from '../inventory/types';
import { repoReader } from '../workspace/repoReader';
import { checkRepository } from '../__testUtils__/checkRepository';
import {
  fixtureRepo,
  FixtureVariant,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { runAction } from '../__testUtils__/runAction';

// Every layout the inventory reads, on repositories written like real ones (comments, other
// jobs and rules, two clusters): what the actions promise holds on each.

const add = (repo: string, input: Record<string, unknown> = {}) =>
  runAction(createAddClusterAction(), repo, {
    catalogOwner: 'group:platform',
    region: 'eu-west-1',
    ...input,
  });
const remove = (repo: string, cluster: string) =>
  runAction(createRemoveClusterAction(), repo, { cluster });

const LAYOUTS: FixtureVariant[] = [
  'federation-setup',
  'block-string',
  'vpc-rule-style',
  'terraform-locals',
  'gateway-api',
  'scrape-config-resources',
  'terraform-for-each',
  'prometheus-yml',
];

describe.each(LAYOUTS)('the %s layout', variant => {
  afterEach(removeFixtureRepos);

  it('passes the checks as it is', async () => {
    await expect(
      checkRepository(readTree(fixtureRepo(variant))),
    ).resolves.toBeUndefined();
  });

  it('add of a federated cluster with other settings is refused, writing nothing', async () => {
    const repo = fixtureRepo(variant);
    const before = readTree(repo);
    await expect(
      add(repo, { cluster: 'blue', catalogOwner: undefined }),
    ).rejects.toThrow(/federate-blue.* with different settings/);
    expect(readTree(repo)).toEqual(before);
  });

  it('add federates a new cluster once in each part, and remove gives the repository back', async () => {
    const repo = fixtureRepo(variant);
    const before = readTree(repo);
    await add(repo);
    const added = readTree(repo);
    await checkRepository(added);
    const inventory = await readInventory(repoReader(repo));
    for (const part of [
      'scrapeJob',
      'securityRule',
      'exposure',
      'catalogEntity',
    ] as const)
      expect([part, placesOf(inventory, 'purple', part).length]).toEqual([
        part,
        1,
      ]);
    expect(placesOf(inventory, 'purple', 'alertRules').length).toBeGreaterThan(
      0,
    );

    // Add of a federated cluster, with the same settings, is a no-op.
    const again = await add(repo);
    expect(again.outputs.changed).toBe(false);
    expect(readTree(repo)).toEqual(added);
    expect(again.outputs.body).toContain('- no place changes');

    await remove(repo, 'purple');
    expect(readTree(repo)).toEqual(before);
  });

  it('remove leaves no trace, and its "already without" is true', async () => {
    const repo = fixtureRepo(variant);
    const before = await readInventory(repoReader(repo));
    const { outputs } = await remove(repo, 'blue');
    const after = await readInventory(repoReader(repo));
    expect(placesOf(after, 'blue')).toEqual([]);
    await checkRepository(readTree(repo));
    const without = /Already without `blue`: (.*)\./.exec(outputs.body)?.[1];
    const claimed = without ? without.split(', ') : [];
    expect(claimed).toEqual(
      PARTS.filter(p => placesOf(before, 'blue', p).length === 0).map(
        p => PART_TITLES[p],
      ),
    );
  });

  it('narrow refuses selectors that do not keep the kept names, writing nothing', async () => {
    const repo = fixtureRepo(variant);
    const before = readTree(repo);
    await expect(
      runAction(createNarrowClusterAction(), repo, {
        cluster: 'blue',
        selectors: ['{__name__=~"(a+)+$"}'],
        keptNames: ['up', 'http_requests_total', 'node_load1', 'kube_pod_info'],
      }),
    ).rejects.toThrow('admits none of the kept names');
    expect(readTree(repo)).toEqual(before);
  });
});

describe('a for_each over a map of clusters', () => {
  afterEach(removeFixtureRepos);

  it('removes a cluster, and refuses to add one (its entry holds values only a person knows)', async () => {
    const repo = fixtureRepo('terraform-for-each-map');
    const before = readTree(repo);
    await expect(add(repo)).rejects.toThrow(
      'terraform/prometheus-federation-security.tf: var.federated_clusters is a map',
    );
    expect(readTree(repo)).toEqual(before);
    await remove(repo, 'green');
    const after = await readInventory(repoReader(repo));
    expect(placesOf(after, 'green')).toEqual([]);
    expect(placesOf(after, 'blue', 'securityRule')).toHaveLength(1);
    await checkRepository(readTree(repo));
  });
});
