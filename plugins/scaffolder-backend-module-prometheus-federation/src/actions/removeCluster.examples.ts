import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './exampleStep';

const step = exampleStep(
  'prometheus-federation:cluster:remove',
  'unfederate',
  'Remove green from the federation',
);

export const examples: TemplateExample[] = [
  step('Remove cluster "green" with the default layout', { cluster: 'green' }),
  step('Remove a cluster from a repository fetched into ./repo', {
    cluster: 'green',
    repoPath: 'repo',
  }),
];
