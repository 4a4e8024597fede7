import { ClusterStatus } from '@promfed/plugin-prometheus-federation-common';
import { NOW, options } from '../__testUtils__/triageFixtures';
import { applicationFederation } from './applicationFederation';
import { FederationSnapshot } from './triageFederation';

const cluster = (name: string, scrapeIntervalSeconds?: number) =>
  ({
    name,
    state: 'healthy',
    target: scrapeIntervalSeconds ? { scrapeIntervalSeconds } : undefined,
  } as ClusterStatus);

describe('applicationFederation', () => {
  it('judges each cluster by its series and the freshness of the newest sample', () => {
    const snapshot: FederationSnapshot = {
      generatedAt: new Date(NOW * 1000).toISOString(),
      opsPrometheus: { reachable: true },
      warnings: [],
      clusters: [cluster('blue', 30), cluster('green', 30), cluster('red')],
      applications: {
        blue: { shop: { series: 4, newestSample: NOW - 20 } },
        // Older than 2 intervals + 60 s: the 5-minute ghost of a leaf that stopped answering.
        green: { shop: { series: 4, newestSample: NOW - 200 } },
        red: { other: { series: 9, newestSample: NOW } },
      },
    };
    const result = applicationFederation(snapshot, 'shop', options);
    expect(result.application).toBe('shop');
    expect(
      result.clusters.map(c => [
        c.cluster,
        c.arriving,
        c.httpSeries,
        c.newestSampleAgeSeconds,
      ]),
    ).toEqual([
      ['blue', true, 4, 20],
      ['green', false, 4, 200],
      ['red', false, 0, undefined],
    ]);
    expect(result.clusters[0].dashboards[0].url).toBe(
      'https://grafana-ops.example.com/d/application-errors?var-source_cluster=blue&var-application=shop',
    );
  });
});
