import { KubeConfig } from '@kubernetes/client-node';
import { ClusterOptions } from '../config/options';
import { kubeConfigFor } from './kubeConfig';

/** A kubeconfig with one context per leaf, as a portal with many clusters has. */
function fleetKubeconfig(leaves: string[]): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: leaves.map(l => ({
      name: `cluster-${l}`,
      server: `https://${l}.example.test`,
      caData: 'Q0E=',
      skipTLSVerify: false,
    })),
    users: leaves.map(l => ({ name: `user-${l}`, token: `token-${l}` })),
    contexts: leaves.map(l => ({
      name: l,
      cluster: `cluster-${l}`,
      user: `user-${l}`,
    })),
    currentContext: leaves[0],
  });
  return kc;
}

const pool = { keepAliveMs: 1000, timeoutMs: 1000 };

describe('kubeConfigFor', () => {
  it("keeps only the leaf's own context, cluster and user from a shared kubeconfig", () => {
    const source = fleetKubeconfig(['blue', 'green', 'purple']);
    const kc = kubeConfigFor(
      { name: 'green', kubernetes: { context: 'green' } } as ClusterOptions,
      source,
      pool,
    );
    expect(kc.getContexts().map(c => c.name)).toEqual(['green']);
    expect(kc.getClusters().map(c => c.name)).toEqual(['cluster-green']);
    expect(kc.getUsers().map(u => u.name)).toEqual(['user-green']);
    expect(kc.getCurrentCluster()?.server).toBe('https://green.example.test');
    expect(kc.getCurrentUser()?.token).toBe('token-green');
  });

  it('has no cluster for a context the kubeconfig lacks', () => {
    const kc = kubeConfigFor(
      { name: 'red', kubernetes: { context: 'red' } } as ClusterOptions,
      fleetKubeconfig(['blue']),
      pool,
    );
    expect(kc.getCurrentCluster()).toBeNull();
  });
});
