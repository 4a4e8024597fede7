import {
  APPLICATION_ANNOTATION,
  CLUSTER_ANNOTATION,
  ClusterStatus,
  EntityFederation,
} from '@promfed/plugin-prometheus-federation-common';
import { iso } from './clusters';

/** Catalog entities annotated for the plugin, and what the backend answers for them. */

export const clusterEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'green-cluster',
    namespace: 'default',
    annotations: { [CLUSTER_ANNOTATION]: 'green' },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform' },
};

export const applicationEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'dareyscore',
    namespace: 'default',
    annotations: { [APPLICATION_ANNOTATION]: 'dareyscore' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-score' },
};

export function clusterEntityFederation(
  cluster: ClusterStatus,
): EntityFederation {
  return { kind: 'cluster', generatedAt: iso(0.5), ageSeconds: 30, cluster };
}

export const applicationFederation: EntityFederation = {
  kind: 'application',
  generatedAt: iso(0.5),
  ageSeconds: 30,
  application: {
    application: 'dareyscore',
    clusters: [
      {
        cluster: 'blue',
        clusterState: 'healthy',
        arriving: true,
        httpSeries: 96,
        newestSampleAgeSeconds: 14,
        dashboards: [
          {
            title: 'Application Errors',
            url: 'https://grafana.example.test/d/app-errors?var-source_cluster=blue&var-application=dareyscore',
          },
        ],
      },
      {
        cluster: 'green',
        clusterState: 'down',
        arriving: false,
        httpSeries: 0,
        newestSampleAgeSeconds: 960,
        dashboards: [
          {
            title: 'Application Errors',
            url: 'https://grafana.example.test/d/app-errors?var-source_cluster=green&var-application=dareyscore',
          },
        ],
      },
    ],
  },
};
