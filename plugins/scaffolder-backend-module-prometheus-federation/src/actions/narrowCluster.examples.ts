import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { exampleStep } from './exampleStep';

const step = exampleStep(
  'prometheus-federation:cluster:narrow',
  'narrow',
  'Narrow the federation of blue',
);

export const examples: TemplateExample[] = [
  step(
    'Federate only the names dashboards and rules use, from cluster "blue"',
    {
      cluster: 'blue',
      selectors: [
        '{__name__=~"http_request_duration_seconds_bucket|http_request_duration_seconds_count|http_request_duration_seconds_sum|http_requests_total|up"}',
      ],
      keptNames: [
        'http_request_duration_seconds_bucket',
        'http_request_duration_seconds_count',
        'http_request_duration_seconds_sum',
        'http_requests_total',
        'up',
      ],
      namesByOwner: [
        {
          owner: 'alert federation/PrometheusFederationDown',
          names: ['up'],
        },
        {
          owner: 'dashboard "Application Errors"',
          names: [
            'http_request_duration_seconds_bucket',
            'http_requests_total',
          ],
        },
      ],
      savings: {
        seriesBefore: 12400,
        seriesAfter: 1830,
        bytesBefore: 3348000,
        bytesAfter: 494100,
      },
    },
  ),
  step(
    'Narrow with one selector per name, in a repository fetched into ./repo',
    {
      cluster: 'blue',
      selectors: ['up', 'http_requests_total'].map(n => `{__name__="${n}"}`),
      repoPath: 'repo',
    },
  ),
];
