import { leafHost, repositoryLayout, tlsSecretName } from './layout';

describe('layout', () => {
  it('names the leaf host and TLS secret after the cluster', () => {
    expect(leafHost('blue', 'talentos.darey.io')).toBe(
      'prometheus-blue.talentos.darey.io',
    );
    expect(tlsSecretName('blue')).toBe('prometheus-blue-tls');
  });

  it('places per-cluster files under the cluster and shared files once', () => {
    const blue = repositoryLayout('blue');
    const green = repositoryLayout('green');
    expect(blue.ingress).toBe(
      'argocd/applications/prod-blue/cluster-resources/prometheus-ingress.yaml',
    );
    expect(blue.catalogEntity).toBe('catalog/clusters/blue.yaml');
    expect(green.terraform).toBe(blue.terraform);
    expect(green.scrapeConfigs).toBe(blue.scrapeConfigs);
    expect(green.alertRules).toBe(blue.alertRules);
  });
});
