import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './exampleStep';

const step = exampleStep(
  'prometheus-federation:onboarding:link',
  'link',
  "Link the pull request on the cluster's catalog entity",
);

export const examples: TemplateExample[] = [
  step(
    "After publish:github:pull-request: the link in the cluster's catalog file in ./repo",
    {
      cluster: 'purple',
      repoPath: 'repo',
      pullRequestUrl: 'https://github.com/acme/infrastructure/pull/12',
    },
  ),
  step('A catalog file kept elsewhere in the repository', {
    cluster: 'purple',
    pullRequestUrl: 'https://github.com/acme/infrastructure/pull/12',
    catalogEntityPath: 'catalog/resources/purple.yaml',
  }),
];
