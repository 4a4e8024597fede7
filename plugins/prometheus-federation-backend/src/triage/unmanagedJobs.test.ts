import {
  NOW,
  healthyFacts,
  opsFacts,
  options,
  target,
} from '../__testUtils__/triageFixtures';
import { discoveryOptions } from '../__testUtils__/clusterEntity';
import { triageFederation } from './triageFederation';

const facts = () => ({
  collectedAt: NOW,
  ops: {
    ok: true as const,
    value: opsFacts({
      targets: [
        target(),
        target({
          job: 'federate-orange',
          labels: { job: 'federate-orange', source_cluster: 'orange' },
        }),
      ],
    }),
  },
  clusters: { blue: healthyFacts() },
});

describe('unmanaged federate jobs', () => {
  it('with discovery, names a federate job no cluster describes, with the template that adopts it', () => {
    const snapshot = triageFederation(facts(), {
      ...options,
      discovery: discoveryOptions(),
    });
    // Still listed as a cluster, and the page says how to adopt it.
    expect(snapshot.clusters.map(c => c.name).sort()).toEqual([
      'blue',
      'orange',
    ]);
    expect(
      snapshot.warnings.filter(w => w.id === 'unmanaged-federate-job'),
    ).toEqual([
      expect.objectContaining({
        cluster: 'orange',
        templateRef: 'template:default/add-cluster-to-federation',
        message: expect.stringContaining('federate-orange'),
      }),
    ]);
  });

  it('without discovery, says nothing new: app-config is the list', () => {
    const snapshot = triageFederation(facts(), options);
    expect(
      snapshot.warnings.filter(w => w.id === 'unmanaged-federate-job'),
    ).toEqual([]);
  });
});
