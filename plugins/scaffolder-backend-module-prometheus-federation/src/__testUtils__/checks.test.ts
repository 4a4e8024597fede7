import fs from 'node:fs';
import path from 'node:path';
import {
  parseTerraform,
  promtoolCheckScrapeConfigs,
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
