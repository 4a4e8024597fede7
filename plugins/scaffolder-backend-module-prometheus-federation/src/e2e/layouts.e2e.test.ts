import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { LoopbackGitHub } from '@promfed/federation-lab';
import yaml from 'yaml';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { startScaffolderBackend } from '../__testUtils__/scaffolderBackend';

const paths = repositoryLayout('purple');
const SCRAPE_CONFIGS =
  'argocd/applications/prod-ops/cluster-resources/scrapeconfigs';
/** The module calls, in a file of another name than the default layout's. */
const MODULES = 'terraform/federation-access.tf';

/** ScrapeConfig resources, one a cluster, and the security rules as module calls in MODULES. */
function repository(): Record<string, string> {
  const files = readTree(fixtureRepo('scrape-config-resources'));
  files[MODULES] = files[paths.terraform];
  delete files[paths.terraform];
  return files;
}

describe('template add-cluster-to-federation on a repository of another layout, end to end', () => {
  jest.setTimeout(120_000);
  let github: LoopbackGitHub;
  let apiBaseUrl: string;

  beforeAll(async () => {
    github = new LoopbackGitHub('acme', 'infrastructure', repository());
    apiBaseUrl = await github.start();
  });
  afterAll(async () => {
    await github.stop();
    await removeFixtureRepos();
  });

  it("opens a pull request that follows the repository's layout: a ScrapeConfig beside its siblings, a module call in their file", async () => {
    const scaffolder = await startScaffolderBackend(apiBaseUrl);
    await scaffolder.runTemplate('template:default/add-cluster-to-federation', {
      cluster: 'purple',
      domain: 'talentos.darey.io',
      region: 'eu-west-1',
      referenceCluster: 'blue',
      tls: 'verify',
      repoUrl: 'github.com?owner=acme&repo=infrastructure',
      baseBranch: 'main',
    });
    expect(github.unknownRequests).toEqual([]);
    expect(github.pulls).toHaveLength(1);
    // The whole folders came from one archive of main.
    expect(github.requests.filter(r => r.includes('/tarball/'))).toHaveLength(
      1,
    );

    const main = github.filesAt('main');
    const branch = github.filesAt(github.pulls[0].head);
    const changed = Object.keys({ ...main, ...branch }).filter(
      p => main[p] !== branch[p],
    );
    const scrapeConfig = `${SCRAPE_CONFIGS}/federate-purple.yaml`;
    expect(changed).toEqual(expect.arrayContaining([scrapeConfig, MODULES]));
    // Not a second layout: no federate job in the chart values, no default Terraform file.
    expect(changed).not.toContain(paths.scrapeConfigs);
    expect(branch[paths.terraform]).toBeUndefined();

    const resource = yaml.parse(branch[scrapeConfig]);
    const sibling = yaml.parse(main[`${SCRAPE_CONFIGS}/federate-blue.yaml`]);
    expect(resource).toMatchObject({
      apiVersion: sibling.apiVersion,
      kind: 'ScrapeConfig',
      metadata: {
        name: 'federate-purple',
        namespace: sibling.metadata.namespace,
        labels: sibling.metadata.labels,
      },
      spec: { jobName: 'federate-purple', metricsPath: '/federate' },
    });
    expect(branch[MODULES]).toContain('module "prometheus_federation_purple"');
    expect(branch[MODULES]).toContain('module "prometheus_federation_blue"');
  });
});
