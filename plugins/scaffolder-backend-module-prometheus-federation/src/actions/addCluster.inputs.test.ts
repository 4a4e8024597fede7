import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { repositoryLayout } from '@promfed/plugin-prometheus-federation-common';
import { createAddClusterAction } from './addCluster';
import { readScrapeJobs } from '../__testUtils__/readScrapeJobs';
import { runAction as run } from '../__testUtils__/runAction';
import {
  fixtureRepo,
  readTree,
  removeFixtureRepos,
} from '../__testUtils__/fixtureRepo';
import {
  parseTerraform,
  promtoolCheckScrapeConfigs,
  validateIngress,
} from '../__testUtils__/checks';

const paths = repositoryLayout('purple');
const runAction = (workspacePath: string, input: Record<string, unknown>) =>
  run(createAddClusterAction(), workspacePath, input);

/** A CA as a kubeconfig's certificate-authority-data holds it (base64 of a PEM). */
const CA = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n',
).toString('base64');

describe('prometheus-federation:cluster:add inputs and existing files', () => {
  afterEach(removeFixtureRepos);

  it('finds an existing cluster with the same settings and changes nothing', async () => {
    const repo = fixtureRepo('existing-cluster');
    const before = readTree(repo);
    const { outputs } = await runAction(repo, {});
    expect(outputs.changedFiles).toEqual([]);
    expect(outputs.unchangedFiles).toHaveLength(4);
    expect(readTree(repo)).toEqual(before);
  });

  it('refuses an existing job with different settings, writing nothing', async () => {
    const repo = fixtureRepo('existing-cluster');
    const before = readTree(repo);
    await expect(
      runAction(repo, { tls: 'insecure-skip-verify' }),
    ).rejects.toThrow(
      `${paths.scrapeConfigs}: Scrape job federate-purple already exists with different settings (tls_config)`,
    );
    expect(readTree(repo)).toEqual(before);
  });

  it('refuses an existing security group rule with different settings', async () => {
    const repo = fixtureRepo('existing-cluster');
    await expect(
      runAction(repo, { targetSecurityGroupId: 'sg-0123456789abcdef0' }),
    ).rejects.toThrow(
      /prometheus-federation-security.tf: Resource aws_security_group_rule.ops_to_purple_prometheus already exists with different settings \(security_group_id\)/,
    );
  });

  it('opts into insecure_skip_verify only when asked', async () => {
    const repo = fixtureRepo('federation-setup');
    await runAction(repo, { tls: 'insecure-skip-verify' });
    const jobs = readScrapeJobs(
      fs.readFileSync(path.join(repo, paths.scrapeConfigs), 'utf8'),
    );
    expect(jobs[2].tls_config).toEqual({ insecure_skip_verify: true });
  });

  it('uses explicit security group ids', async () => {
    const repo = fixtureRepo('vpc-rule-style');
    await runAction(repo, {
      sourceSecurityGroupId: 'sg-0123456789abcdef0',
      targetSecurityGroupId: 'sg-0fedcba9876543210',
    });
    const hcl = await parseTerraform(
      fs.readFileSync(path.join(repo, paths.terraform), 'utf8'),
    );
    expect(
      hcl.resource.aws_vpc_security_group_ingress_rule
        .ops_to_purple_prometheus[0],
    ).toMatchObject({
      security_group_id: 'sg-0fedcba9876543210',
      referenced_security_group_id: 'sg-0123456789abcdef0',
      ip_protocol: 'tcp',
    });
  });

  it('escapes {{ in matchers for the chart tpl', async () => {
    const repo = fixtureRepo('federation-setup');
    await runAction(repo, { match: ['{job="{{odd"}'] });
    const jobs = readScrapeJobs(
      fs.readFileSync(path.join(repo, paths.scrapeConfigs), 'utf8'),
    );
    expect(jobs[2].params['match[]']).toEqual(['{job="{{ "{{" }}odd"}']);
    await promtoolCheckScrapeConfigs(jobs);
  });

  it('writes a catalog entity with every fact the backend reads when an owner is given', async () => {
    const repo = fixtureRepo('federation-setup');
    const { outputs } = await runAction(repo, {
      catalogOwner: 'group:default/platform',
      region: 'eu-west-1',
      targetSecurityGroupId: 'sg-0123456789abcdef0',
      kubernetesApiServer: 'https://ABCD.gr7.eu-west-1.eks.amazonaws.com',
      kubernetesApiServerCa: CA,
    });
    expect(outputs.changedFiles).toContain(paths.catalogEntity);
    const entity = yaml.parse(
      fs.readFileSync(path.join(repo, paths.catalogEntity), 'utf8'),
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'purple',
        annotations: {
          'prometheus-federation.io/cluster': 'purple',
          'prometheus-federation.io/prometheus-host':
            expect.stringMatching(/^prometheus-purple\./),
          'prometheus-federation.io/exposure': 'ingress',
          'prometheus-federation.io/aws-region': 'eu-west-1',
          'prometheus-federation.io/node-security-group':
            'sg-0123456789abcdef0',
          'kubernetes.io/api-server':
            'https://ABCD.gr7.eu-west-1.eks.amazonaws.com',
          'kubernetes.io/api-server-certificate-authority': CA,
          'kubernetes.io/auth-provider': 'aws',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
    });
  });

  it('refuses an API server URL that carries credentials or a query', async () => {
    const repo = fixtureRepo('federation-setup');
    await expect(
      runAction(repo, {
        catalogOwner: 'group:default/platform',
        kubernetesApiServer: 'https://user:pw@api.example.com?x=1',
      }),
    ).rejects.toThrow(/Invalid kubernetesApiServer/);
    await expect(
      runAction(repo, {
        catalogOwner: 'group:default/platform',
        kubernetesAuthProvider: 'oidc',
      }),
    ).rejects.toThrow(
      'Invalid kubernetesAuthProvider "oidc": use one of serviceAccount, aws',
    );
    await expect(
      runAction(repo, {
        catalogOwner: 'group:default/platform',
        kubernetesApiServerCa: 'not a certificate',
      }),
    ).rejects.toThrow(
      /Invalid kubernetesApiServerCa .*use the CA as base64 PEM/,
    );
  });

  it('writes the Ingress from scratch when no sibling exists', async () => {
    const repo = fixtureRepo('federation-setup');
    fs.rmSync(path.join(repo, 'argocd/applications/prod-blue'), {
      recursive: true,
    });
    fs.rmSync(path.join(repo, 'argocd/applications/prod-green'), {
      recursive: true,
    });
    await runAction(repo, {
      ingressClassName: 'alb-public',
      clusterIssuer: 'letsencrypt-staging',
    });
    const ingress = validateIngress(
      fs.readFileSync(path.join(repo, paths.ingress), 'utf8'),
    );
    expect(ingress.spec?.ingressClassName).toBe('alb-public');
    expect(
      ingress.metadata?.annotations?.['cert-manager.io/cluster-issuer'],
    ).toBe('letsencrypt-staging');
    expect(ingress.metadata?.namespace).toBe('monitoring');
  });

  it('accepts the names the common rules accept', async () => {
    const repo = fixtureRepo('federation-setup');
    const cluster = 'x'.repeat(52);
    const { outputs } = await runAction(repo, {
      cluster,
      region: 'eusc-de-east-1',
      sourceSecurityGroupId: 'sg-0123abcd',
    });
    expect(outputs.host).toBe(`prometheus-${cluster}.talentos.darey.io`);
  });
});
