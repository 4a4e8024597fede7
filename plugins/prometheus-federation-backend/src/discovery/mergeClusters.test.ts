import { clusterDefaults } from '../config/clusterDefaults';
import { ClusterOptions } from '../config/options';
import { mergeClusters } from './mergeClusters';
import { EntityCluster } from './types';

const configured: ClusterOptions = {
  ...clusterDefaults('blue'),
  name: 'blue',
  host: 'prometheus-blue.config.example.com',
  port: 8443,
  kubernetes: { context: 'blue' },
  source: 'config',
};

const entity = (
  name: string,
  ref: string,
  extra: Partial<EntityCluster> = {},
): EntityCluster => ({
  name,
  entityRef: ref,
  host: `prometheus-${name}.example.com`,
  aws: {
    region: 'eu-west-1',
    nodeSecurityGroupId: 'sg-0123456789abcdef0',
    opsSource: { cidr: '203.0.113.10/32' },
  },
  kubernetes: { url: `https://${name}.eks.amazonaws.com`, token: 't' },
  ...extra,
});

describe('mergeClusters', () => {
  it('adds a catalog cluster with the common layout and its entity ref', () => {
    const { clusters, refused } = mergeClusters(
      [],
      [entity('green', 'resource:infra/green')],
      new Map(),
    );
    expect(refused).toEqual([]);
    expect(clusters).toEqual([
      expect.objectContaining({
        name: 'green',
        entityRef: 'resource:infra/green',
        host: 'prometheus-green.example.com',
        port: 443,
        federateJob: 'federate-green',
        source: 'catalog',
      }),
    ]);
  });

  it('lets app-config win per field and the entity fill what the entry leaves out', () => {
    const { clusters } = mergeClusters(
      [configured],
      [entity('blue', 'resource:default/blue', { exposure: 'gateway' })],
      new Map(),
    );
    expect(clusters).toEqual([
      {
        ...configured,
        exposure: 'gateway',
        aws: entity('blue', '').aws,
        source: 'config+catalog',
      },
    ]);
  });

  it('refuses an entity claiming an app-config cluster that names another entity', () => {
    const { clusters, refused } = mergeClusters(
      [configured],
      [entity('blue', 'resource:team-x/blue')],
      new Map(),
    );
    expect(clusters).toEqual([configured]);
    expect(refused).toEqual([
      {
        entityRef: 'resource:team-x/blue',
        cluster: 'blue',
        reason:
          'cluster blue belongs to resource:default/blue (app-config); one entity per cluster',
      },
    ]);
  });

  it('keeps a name with the entity that held it first: a newcomer is refused and named', () => {
    const first = mergeClusters(
      [],
      [entity('green', 'resource:team-z/green')],
      new Map(),
    );
    // A later entity sorts first by ref, but the first holder keeps the name.
    const second = mergeClusters(
      [],
      [
        entity('green', 'resource:team-a/green', { host: 'evil.example.com' }),
        entity('green', 'resource:team-z/green'),
      ],
      first.holders,
    );
    expect(second.clusters.map(c => [c.entityRef, c.host])).toEqual([
      ['resource:team-z/green', 'prometheus-green.example.com'],
    ]);
    expect(second.refused).toEqual([
      {
        entityRef: 'resource:team-a/green',
        cluster: 'green',
        reason:
          'cluster green belongs to resource:team-z/green; one entity per cluster',
      },
    ]);
  });

  it('refuses a catalog-only entity without a leaf host', () => {
    const { clusters, refused } = mergeClusters(
      [],
      [entity('green', 'resource:default/green', { host: undefined })],
      new Map(),
    );
    expect(clusters).toEqual([]);
    expect(refused[0].reason).toMatch(
      /annotation prometheus-federation.io\/prometheus-host is missing/,
    );
  });
});
