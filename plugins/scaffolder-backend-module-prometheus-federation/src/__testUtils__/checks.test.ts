import fs from 'node:fs';
import path from 'node:path';
import {
  parseTerraform,
  promtoolCheckScrapeConfigs,
  validateHttpRoute,
  validateIngress,
} from './checks';

// The checkers themselves must reject bad input, or the action tests would prove nothing.
describe('test checks', () => {
  it('validates an Ingress against the Kubernetes schema', () => {
    const file = path.resolve(
      __dirname,
      '../__fixtures__/federation-setup/argocd/applications/prod-blue/cluster-resources/prometheus-ingress.yaml',
    );
    expect(
      validateIngress(fs.readFileSync(file, 'utf8')).spec?.rules?.[0].host,
    ).toBe('prometheus-blue.talentos.darey.io');
    expect(() =>
      validateIngress(
        'apiVersion: networking.k8s.io/v1\nkind: Ingress\nspec:\n  rules: 3\n',
      ),
    ).toThrow();
  });

  it('validates an HTTPRoute against its own small schema', () => {
    const file = path.resolve(
      __dirname,
      '../__fixtures__/gateway-api/argocd/applications/prod-blue/cluster-resources/prometheus-httproute.yaml',
    );
    const good = fs.readFileSync(file, 'utf8');
    expect(validateHttpRoute(good).spec.hostnames).toEqual([
      'prometheus-blue.talentos.darey.io',
    ]);
    for (const [from, to] of [
      ['port: 9090', 'port: "9090"'],
      ['type: PathPrefix', 'type: Prefix'],
      ['  hostnames:', '  hostname: x\n  hostnames:'],
      ['- name: public', '- name: Public'],
      ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta2'],
    ]) {
      expect(() => validateHttpRoute(good.replace(from, to))).toThrow(
        'Invalid HTTPRoute',
      );
    }
  });

  it('runs promtool, which rejects duplicate job names', async () => {
    const job = {
      job_name: 'federate-a',
      static_configs: [{ targets: ['a:443'] }],
    };
    await expect(promtoolCheckScrapeConfigs([job])).resolves.toContain(
      'SUCCESS',
    );
    await expect(promtoolCheckScrapeConfigs([job, job])).rejects.toThrow(
      'found multiple scrape configs with job name',
    );
  });

  it('parses HCL and rejects broken HCL', async () => {
    await expect(
      parseTerraform('resource "a" "b" {\n  x = 1\n}\n'),
    ).resolves.toHaveProperty('resource');
    await expect(
      parseTerraform('resource "a" "b" {\n  x = \n'),
    ).rejects.toThrow();
  });
});
