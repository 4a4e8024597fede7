import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Fetch the shared files, and the cluster's own Ingress and catalog file when they exist",
    example: yaml.stringify({
      steps: [
        {
          id: 'fetch',
          action: 'prometheus-federation:fetch:files',
          name: 'Fetch the files the edit may touch',
          input: {
            repoUrl: 'github.com?owner=acme&repo=infrastructure',
            branch: 'main',
            targetPath: './repo',
            files: ['terraform/prometheus-federation-security.tf'],
            optionalFiles: [
              'argocd/applications/prod-purple/cluster-resources/prometheus-ingress.yaml',
              'catalog/clusters/purple.yaml',
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Fetch the federation folders whole, so that every layout in them is seen',
    example: yaml.stringify({
      steps: [
        {
          id: 'fetch',
          action: 'prometheus-federation:fetch:files',
          name: 'Fetch the federation folders',
          input: {
            repoUrl: 'github.com?owner=acme&repo=infrastructure',
            branch: 'main',
            targetPath: './repo',
            folders: ['argocd', 'terraform', 'catalog'],
          },
        },
      ],
    }),
  },
];
