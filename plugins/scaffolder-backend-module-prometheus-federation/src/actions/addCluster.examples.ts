import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './exampleStep';

const step = exampleStep(
  'prometheus-federation:cluster:add',
  'federate',
  'Add purple to the federation',
);

export const examples: TemplateExample[] = [
  step(
    'Add cluster "purple" with the default layout (docs/federation-setup.md) and verified TLS',
    {
      cluster: 'purple',
      domain: 'talentos.darey.io',
      region: 'eu-west-1',
    },
  ),
  step(
    'Add a cluster with explicit security group ids, skipping TLS verification, and a catalog entity',
    {
      cluster: 'purple',
      domain: 'talentos.darey.io',
      region: 'eu-west-1',
      sourceSecurityGroupId: 'sg-0123456789abcdef0',
      targetSecurityGroupId: 'sg-0fedcba9876543210',
      tls: 'insecure-skip-verify',
      catalogOwner: 'group:default/platform',
    },
  ),
  step('Edit a repository fetched into ./repo, with its own paths', {
    cluster: 'purple',
    domain: 'talentos.darey.io',
    repoPath: 'repo',
    updateAlertRules: false,
    paths: {
      terraform: 'infra/federation.tf',
      scrapeConfigs: 'apps/ops/kube-prometheus-stack.yaml',
    },
  }),
  step(
    'Expose the leaf with an HTTPRoute on the existing Gateway gateway-system/public',
    {
      cluster: 'purple',
      domain: 'talentos.darey.io',
      exposure: 'gateway',
      referenceCluster: '',
      gatewayName: 'public',
      gatewayNamespace: 'gateway-system',
    },
  ),
];
