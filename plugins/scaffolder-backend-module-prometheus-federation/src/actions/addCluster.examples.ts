import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Add cluster "purple" with the design document layout and verified TLS',
    example: yaml.stringify({
      steps: [
        {
          id: 'federate',
          action: 'prometheus-federation:cluster:add',
          name: 'Add purple to the federation',
          input: {
            cluster: 'purple',
            domain: 'talentos.darey.io',
            region: 'eu-west-1',
          },
        },
      ],
    }),
  },
  {
    description:
      'Add a cluster with explicit security group ids, skipping TLS verification, and a catalog entity',
    example: yaml.stringify({
      steps: [
        {
          id: 'federate',
          action: 'prometheus-federation:cluster:add',
          name: 'Add purple to the federation',
          input: {
            cluster: 'purple',
            domain: 'talentos.darey.io',
            region: 'eu-west-1',
            sourceSecurityGroupId: 'sg-0123456789abcdef0',
            targetSecurityGroupId: 'sg-0fedcba9876543210',
            tls: 'insecure-skip-verify',
            catalogOwner: 'group:default/platform',
          },
        },
      ],
    }),
  },
  {
    description: 'Edit a repository fetched into ./repo, with its own paths',
    example: yaml.stringify({
      steps: [
        {
          id: 'federate',
          action: 'prometheus-federation:cluster:add',
          name: 'Add purple to the federation',
          input: {
            cluster: 'purple',
            domain: 'talentos.darey.io',
            repoPath: 'repo',
            updateAlertRules: false,
            paths: {
              terraform: 'infra/federation.tf',
              scrapeConfigs: 'apps/ops/kube-prometheus-stack.yaml',
            },
          },
        },
      ],
    }),
  },
];
