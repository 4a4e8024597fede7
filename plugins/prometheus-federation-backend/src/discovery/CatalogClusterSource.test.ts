import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PROMETHEUS_HOST_ANNOTATION } from '@promfed/plugin-prometheus-federation-common';
import {
  clusterEntity,
  discoveryOptions,
} from '../__testUtils__/clusterEntity';
import { FederationOptions } from '../config/options';
import { RequestCounter } from '../collectors/requestCounter';
import { CatalogClusterSource } from './CatalogClusterSource';

const options = {
  upstreamTimeoutSeconds: 1,
  clusters: [],
  aws: { opsSource: { cidr: '203.0.113.10/32' } },
  discovery: discoveryOptions(),
} as unknown as FederationOptions & {
  discovery: ReturnType<typeof discoveryOptions>;
};

function source(catalog = catalogServiceMock({ entities: [] })) {
  const counter = new RequestCounter();
  let clock = new Date('2026-12-07T01:00:00Z');
  const s = new CatalogClusterSource({
    catalog,
    auth: mockServices.auth(),
    options,
    logger: mockServices.logger.mock(),
    counter,
    now: () => clock,
  });
  return {
    s,
    counter,
    tick: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

describe('CatalogClusterSource', () => {
  it('reads only annotated kubernetes-cluster Resources, in pages', async () => {
    const catalog = catalogServiceMock({
      entities: [
        clusterEntity('a'),
        clusterEntity('b'),
        clusterEntity('c'),
        { ...clusterEntity('not-a-cluster'), spec: { type: 'database' } },
        {
          ...clusterEntity('no-annotation'),
          metadata: { name: 'no-annotation', namespace: 'default' },
        },
      ],
    });
    const { s, counter } = source(catalog);
    const list = await s.clusters();
    expect(list.clusters.map(c => c.name)).toEqual(['a', 'b', 'c']);
    expect(list.warnings).toEqual([]);
    // Three clusters at two a page: two requests, nothing else of the catalog.
    expect(counter.snapshot()).toEqual({ catalog: 2 });
  });

  it.each([
    [
      'a disallowed host',
      '169.254.169.254',
      'leaf host 169.254.169.254 matches no pattern of prometheusFederation.discovery.allowedHosts',
    ],
    [
      'a malformed value',
      42,
      'annotation prometheus-federation.io/prometheus-host is not a string',
    ],
  ])(
    'lists an entity with %s as a set-up warning and leaves it alone out',
    async (_what, host, reason) => {
      const refused = clusterEntity('b');
      (refused.metadata.annotations as any)[PROMETHEUS_HOST_ANNOTATION] = host;
      const catalog = catalogServiceMock({
        entities: [clusterEntity('a'), refused],
      });
      const list = await source(catalog).s.clusters();
      expect(list.clusters.map(c => c.name)).toEqual(['a']);
      expect(list.warnings).toEqual([
        expect.objectContaining({
          id: 'catalog-cluster-refused',
          entityRef: 'resource:default/b',
          message: expect.stringContaining(reason),
        }),
      ]);
    },
  );

  it('keeps the last list when the catalog is down, and says since when', async () => {
    const catalog = catalogServiceMock({ entities: [clusterEntity('a')] });
    const { s, tick } = source(catalog);
    expect((await s.clusters()).clusters.map(c => c.name)).toEqual(['a']);
    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:7007'));
    tick('2026-12-07T01:05:00Z');
    const down = await s.clusters();
    tick('2026-12-07T01:06:00Z');
    const stillDown = await s.clusters();
    expect(down.clusters.map(c => c.name)).toEqual(['a']);
    expect(stillDown.warnings).toEqual([
      expect.objectContaining({
        id: 'catalog-unavailable',
        message:
          'The catalog cannot be read since 2026-12-07T01:05:00.000Z (Error: connect ECONNREFUSED 127.0.0.1:7007); the cluster list read at 2026-12-07T01:00:00.000Z is used.',
      }),
    ]);
  });

  it('filters by namespace in the catalog query', async () => {
    const catalog = catalogServiceMock({
      entities: [
        clusterEntity('a'),
        clusterEntity('b', {}, { namespace: 'sandbox' }),
      ],
    });
    const s = new CatalogClusterSource({
      catalog,
      auth: mockServices.auth(),
      options: {
        ...options,
        discovery: discoveryOptions({ namespaces: ['default'] }),
      },
      logger: mockServices.logger.mock(),
    });
    expect((await s.clusters()).clusters.map(c => c.name)).toEqual(['a']);
  });
});
