import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ONBOARDING_PR_ANNOTATION,
  repositoryLayout,
} from '@promfed/plugin-prometheus-federation-common';
import { LoopbackGitHub } from '@promfed/federation-lab';
import yaml from 'yaml';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import { startScaffolderBackend } from '../__testUtils__/scaffolderBackend';
import { createAddClusterAction } from '../actions/addCluster';

const paths = repositoryLayout('purple');
const values = {
  cluster: 'purple',
  domain: 'talentos.darey.io',
  region: 'eu-west-1',
  referenceCluster: 'blue',
  tls: 'verify',
  repoUrl: 'github.com?owner=acme&repo=infrastructure',
  baseBranch: 'main',
  owner: 'group:default/platform',
};

/** What the action alone makes of the federation-setup repository: the expected PR contents. */
async function expectedFiles(): Promise<Record<string, string>> {
  const repo = fixtureRepo('federation-setup');
  const ctx = createMockActionContext({
    workspacePath: repo,
    input: {
      // The template's default: with the catalog entity, owned as the form says.
      catalogOwner: 'group:default/platform',
      cluster: 'purple',
      domain: 'talentos.darey.io',
      region: 'eu-west-1',
      referenceCluster: 'blue',
      tls: 'verify',
      // The template federates the selected names unless match-all is chosen.
      match: [
        '{__name__=~"http_request_duration_seconds_bucket|http_request_duration_seconds_count|http_request_duration_seconds_sum|http_requests_total|up"}',
      ],
    },
  });
  await createAddClusterAction().handler(ctx as any);
  return readTree(repo);
}

describe('templates add-cluster-to-federation, remove-cluster-from-federation and narrow-cluster-federation, end to end', () => {
  jest.setTimeout(120_000);
  let github: LoopbackGitHub;
  let apiBaseUrl: string;

  beforeAll(async () => {
    github = new LoopbackGitHub(
      'acme',
      'infrastructure',
      readTree(fixtureRepo('federation-setup')),
    );
    apiBaseUrl = await github.start();
  });
  afterAll(async () => {
    await github.stop();
    await removeFixtureRepos();
  });

  it('opens one pull request changing exactly the five files, links it on the catalog entity by an update, no duplicate on a second run, and the reverse pull request on remove', async () => {
    const scaffolder = await startScaffolderBackend(apiBaseUrl);
    const { locations } = scaffolder;
    const runTemplate = (
      templateRef = 'template:default/add-cluster-to-federation',
      taskValues: Record<string, unknown> = values,
      secrets?: Record<string, string>,
    ) => scaffolder.runTemplate(templateRef, taskValues, secrets);

    const first = await runTemplate();
    expect(github.unknownRequests).toEqual([]);
    expect(github.pulls).toHaveLength(1);
    const pr = github.pulls[0];
    expect(pr).toMatchObject({
      head: 'federation/add-purple',
      base: 'main',
      title: 'Add cluster purple to the Prometheus federation',
    });
    expect(pr.body).toContain('terraform plan');
    expect(pr.body).toContain('dig prometheus-purple.talentos.darey.io');
    expect(first.links).toEqual([
      {
        title: 'Pull request',
        url: 'https://github.com/acme/infrastructure/pull/1',
      },
    ]);

    // Exactly the five files differ between main and the PR branch, with the action's contents;
    // the catalog entity also links the pull request (the second publish step).
    const main = github.filesAt('main');
    const branch = github.filesAt('federation/add-purple');
    const changed = Object.keys({ ...main, ...branch })
      .filter(p => main[p] !== branch[p])
      .sort();
    expect(changed).toEqual(
      [
        paths.alertRules,
        paths.catalogEntity,
        paths.ingress,
        paths.scrapeConfigs,
        paths.terraform,
      ].sort(),
    );
    const expected = await expectedFiles();
    // The link goes after the entity's last annotation (its region, written by the add step).
    expected[paths.catalogEntity] = expected[paths.catalogEntity].replace(
      'prometheus-federation.io/aws-region: eu-west-1\n',
      `prometheus-federation.io/aws-region: eu-west-1\n    ${ONBOARDING_PR_ANNOTATION}: ${first.links[0].url}\n`,
    );
    for (const file of changed) expect(branch[file]).toBe(expected[file]);
    expect(
      yaml.parse(branch[paths.catalogEntity]).metadata.annotations,
    ).toEqual({
      'prometheus-federation.io/cluster': 'purple',
      'prometheus-federation.io/prometheus-host':
        'prometheus-purple.talentos.darey.io',
      'prometheus-federation.io/exposure': 'ingress',
      'prometheus-federation.io/aws-region': 'eu-west-1',
      [ONBOARDING_PR_ANNOTATION]: first.links[0].url,
    });
    // publish:github:pull-request rebuilds the branch from main and force-pushes it: one commit.
    expect(github.commitMessages('federation/add-purple')).toEqual([
      'Add cluster purple to the Prometheus federation',
      'initial',
    ]);
    expect(
      github.requests.filter(r =>
        r.startsWith('PATCH /repos/acme/infrastructure/git/refs/'),
      ),
    ).toHaveLength(1);
    // Registered on the base branch: the entity is in the catalog once merged.
    expect(locations).toEqual([
      `https://github.com/acme/infrastructure/blob/main/${paths.catalogEntity}`,
    ]);

    // A second run updates the same pull request: no duplicate, the same files (each publish
    // step updates it; the link step puts the link back into the fresh catalog file).
    const patchesBefore = github.requests.filter(r =>
      r.startsWith('PATCH /repos/acme/infrastructure/pulls/'),
    ).length;
    const second = await runTemplate();
    expect(second.links).toEqual(first.links);
    expect(github.pulls).toHaveLength(1);
    expect(
      github.requests.filter(r =>
        r.startsWith('PATCH /repos/acme/infrastructure/pulls/'),
      ).length - patchesBefore,
    ).toBe(2);
    expect(github.filesAt('federation/add-purple')).toEqual(branch);

    // Without the user's token, the integration's credentials opened it.
    expect(new Set(github.tokens)).toEqual(new Set(['loopback-test-token']));

    // Once merged, the cluster is federated: a third run (which now fetches the merged Ingress
    // too) finds nothing to change, and opens nothing and moves no branch.
    github.merge(pr);
    const requestsBefore = github.requests.length;
    const third = await runTemplate();
    expect(github.pulls).toHaveLength(0);
    const writes = github.requests
      .slice(requestsBefore)
      .filter(r => /\/pulls|\/git\/refs|graphql/.test(r));
    expect(writes).toEqual([]);
    expect(third.text[0].content).toContain(
      'Nothing to change: purple is already federated on main',
    );

    // Remove opens the reverse pull request, with the requesting user's token: its branch
    // holds exactly the repository as it was before the add, the Ingress deleted.
    const tokensBefore = github.tokens.length;
    const removed = await runTemplate(
      'template:default/remove-cluster-from-federation',
      { cluster: 'purple', repoUrl: values.repoUrl, baseBranch: 'main' },
      { USER_OAUTH_TOKEN: 'user-oauth-token' },
    );
    expect(github.pulls).toHaveLength(1);
    const reverse = github.pulls[0];
    expect(reverse).toMatchObject({
      head: 'federation/remove-purple',
      base: 'main',
      title: 'Remove cluster purple from the Prometheus federation',
    });
    expect(reverse.body).toContain('terraform apply');
    expect(reverse.body).toContain(
      `\`${paths.ingress}\`: the leaf Prometheus Ingress, deleted`,
    );
    expect(removed.text[0].content).toContain(
      'Once it is merged, the federation page shows purple as retiring',
    );
    expect(removed.links[0].url).toMatch(
      /^https:\/\/github.com\/acme\/infrastructure\/pull\/\d+$/,
    );
    expect(github.filesAt('federation/remove-purple')).toEqual(
      readTree(fixtureRepo('federation-setup')),
    );
    expect(new Set(github.tokens.slice(tokensBefore))).toEqual(
      new Set(['user-oauth-token']),
    );

    // Merged, a second removal finds nothing to do.
    github.merge(reverse);
    const again = await runTemplate(
      'template:default/remove-cluster-from-federation',
      { cluster: 'purple', repoUrl: values.repoUrl, baseBranch: 'main' },
    );
    expect(github.pulls).toHaveLength(0);
    expect(again.text[0].content).toContain(
      'Nothing to change: purple is not federated on main',
    );

    // Narrow blue: one pull request changing only blue's match[], then nothing once merged.
    const narrowValues = {
      cluster: 'blue',
      selectors: ['{__name__=~"http_requests_total|up"}'],
      repoUrl: values.repoUrl,
      baseBranch: 'main',
    };
    await runTemplate('template:default/narrow-cluster-federation', {
      ...narrowValues,
      keptNames: ['http_requests_total', 'up'],
      namesByOwner: [
        {
          owner: 'dashboard "Application Errors"',
          names: ['http_requests_total'],
        },
      ],
      savings: { seriesBefore: 1000, seriesAfter: 120 },
    });
    expect(github.pulls).toHaveLength(1);
    const narrowed = github.pulls[0];
    expect(narrowed).toMatchObject({ head: 'federation/narrow-blue' });
    expect(narrowed.body).toContain('| series | 1,000 | 120 | 88% |');
    expect(narrowed.body).toContain(
      '- `dashboard "Application Errors"`: `http_requests_total`',
    );
    const before = github.filesAt('main');
    const after = github.filesAt('federation/narrow-blue');
    expect(Object.keys(after).filter(f => after[f] !== before[f])).toEqual([
      paths.scrapeConfigs,
    ]);
    expect(after[paths.scrapeConfigs]).toContain(
      `- '{__name__=~"http_requests_total|up"}'`,
    );
    github.merge(narrowed);
    // Without the optional inputs, as an API caller sends them: nothing left to change.
    const unchanged = await runTemplate(
      'template:default/narrow-cluster-federation',
      narrowValues,
    );
    expect(github.pulls).toHaveLength(0);
    expect(unchanged.text[0].content).toContain('Nothing to change');

    // Without the catalog entity: one commit, no link, nothing registered.
    const registered = locations.length;
    const orangeFrom = github.requests.length;
    await runTemplate('template:default/add-cluster-to-federation', {
      ...values,
      cluster: 'orange',
      createCatalogEntity: false,
    });
    expect(github.pulls).toHaveLength(1);
    // Created, never updated by a link step.
    expect(
      github.requests
        .slice(orangeFrom)
        .filter(r => r.startsWith('PATCH /repos/acme/infrastructure/')),
    ).toEqual([]);
    expect(
      github.filesAt('federation/add-orange')['catalog/clusters/orange.yaml'],
    ).toBeUndefined();
    expect(locations).toHaveLength(registered);
    expect(github.unknownRequests).toEqual([]);
  });
});
