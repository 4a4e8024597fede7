import { leafHost } from '@promfed/plugin-prometheus-federation-common';
import fs from 'node:fs';
import { stringify } from 'yaml';
import { buildPortalConfig } from './backendConfig';
import {
  ensureCa,
  isCurrentlyValid,
  issueCertificate,
  servesHost,
} from './certificates/openssl';
import { kubeconfigYaml } from './kubernetes/kubeconfig';
import { labPorts, ResolvedLabOptions } from './options';
import { findPrometheusBinaries, promtoolCheck } from './prometheus/binaries';
import {
  federationRules,
  leafPrometheusConfig,
  leafWebConfig,
  opsPrometheusConfig,
} from './prometheus/configs';
import { LabSecrets, loadOrCreateSecrets } from './secrets';
import { LabPaths, labPaths } from './state';

const DAY = 86_400_000;

/** How a leaf certificate deviates from the one cert-manager would issue (certificate faults). */
export interface LeafCertificateVariant {
  /** Validity entirely in the past. */
  expired?: boolean;
  /** Issued by the lab CA for another host name than the leaf's. */
  wrongHost?: boolean;
}

/** The host name a `certificate-wrong-host` certificate is issued for. */
export function wrongLeafHost(cluster: string, domain: string): string {
  return leafHost(cluster, `other.${domain}`);
}

/** Issues (or re-issues) the leaf's serving certificate: 90 days, like Let's Encrypt. */
export async function issueLeafCertificate(
  options: ResolvedLabOptions,
  cluster: string,
  variant: LeafCertificateVariant = {},
) {
  const paths = labPaths(options.dir);
  const now = Date.now();
  const notBefore = new Date(
    variant.expired ? now - 100 * DAY : now - 3600_000,
  );
  const notAfter = new Date(
    variant.expired ? now - 10 * DAY : notBefore.getTime() + 90 * DAY,
  );
  const host = variant.wrongHost
    ? wrongLeafHost(cluster, options.domain)
    : leafHost(cluster, options.domain);
  await issueCertificate({
    caCert: paths.caCert,
    caKey: paths.caKey,
    certFile: paths.leafCert(cluster),
    keyFile: paths.leafKey(cluster),
    commonName: host,
    dnsNames: [host],
    notBefore,
    notAfter,
  });
}

/**
 * Everything the daemon needs on disk, made in the starting process so that a missing tool or a
 * rejected config fails `start` with a clear message: CA and certificates (reused when still
 * valid), credentials, kubeconfig, Prometheus configs checked by promtool, app-config.
 */
export async function prepareLab(options: ResolvedLabOptions): Promise<void> {
  const ports = labPorts(options);
  const { promtool } = findPrometheusBinaries();
  const { paths, secrets } = await prepareStateFolder(options.dir);
  // A certificate left by a fault (expired, wrong host) when the lab stopped is replaced.
  for (const c of options.clusters) {
    const file = paths.leafCert(c);
    if (
      !isCurrentlyValid(file) ||
      !servesHost(file, leafHost(c, options.domain))
    )
      await issueLeafCertificate(options, c);
  }
  await ensureApiCertificate(paths);

  const apiPorts: Record<string, number> = { ops: ports.opsKubernetes };
  for (const c of options.clusters) apiPorts[c] = ports.clusters[c].kubernetes;
  fs.writeFileSync(
    paths.kubeconfig,
    kubeconfigYaml({
      caFile: paths.caCert,
      token: secrets.kubernetesToken,
      apiPorts,
    }),
    { mode: 0o600 },
  );

  for (const c of options.clusters) {
    fs.writeFileSync(
      paths.leafConfig(c),
      leafPrometheusConfig({
        cluster: c,
        appPorts: ports.clusters[c].apps,
        scrapeIntervalSeconds: options.scrapeIntervalSeconds,
      }),
    );
    fs.writeFileSync(
      paths.leafWebConfig(c),
      leafWebConfig(paths.leafCert(c), paths.leafKey(c)),
    );
  }
  fs.writeFileSync(paths.opsRules, federationRules());
  writeOpsConfig(options);
  await promtoolCheck(promtool, 'rules', paths.opsRules);
  await promtoolCheck(promtool, 'config', paths.opsConfig);
  await promtoolCheck(
    promtool,
    'config',
    paths.leafConfig(options.clusters[0]),
  );

  writeAwsEnv(paths, secrets);
  fs.writeFileSync(
    paths.appConfig,
    `# Lab only: written by packages/federation-lab for \`backstage-cli --config\`.\n${stringify(
      buildPortalConfig(options, ports),
    )}`,
  );
}

/**
 * Writes the ops Prometheus config, with per-cluster fault overrides when given. Each job dials
 * `leafPort(c)`: by default the leaf's load balancer, in a fleet the shared leaf port.
 */
export function writeOpsConfig(
  options: Pick<
    ResolvedLabOptions,
    'dir' | 'clusters' | 'domain' | 'scrapeIntervalSeconds' | 'basePort'
  >,
  overrides?: Parameters<typeof opsPrometheusConfig>[0]['overrides'],
  leafPort?: (cluster: string) => number,
): void {
  const paths = labPaths(options.dir);
  let port = leafPort;
  if (!port) {
    const ports = labPorts(options);
    port = c => ports.clusters[c].ingress;
  }
  fs.writeFileSync(
    paths.opsConfig,
    opsPrometheusConfig({
      clusters: options.clusters,
      domain: options.domain,
      ingressPorts: Object.fromEntries(
        options.clusters.map(c => [c, port!(c)]),
      ),
      caFile: paths.caCert,
      rulesFile: paths.opsRules,
      scrapeIntervalSeconds: options.scrapeIntervalSeconds,
      overrides,
    }),
  );
}

/** The state folder (kept out of git), its credentials and the lab CA: a lab's or a fleet's. */
export async function prepareStateFolder(dir: string) {
  const paths = labPaths(dir);
  for (const d of [paths.tls, paths.prometheus, paths.pids])
    fs.mkdirSync(d, { recursive: true });
  // The state folder holds keys and tokens: keep it out of git wherever it lives.
  fs.writeFileSync(`${dir}/.gitignore`, '*\n');
  const secrets = loadOrCreateSecrets(dir);
  await ensureCa(paths.caCert, paths.caKey);
  return { paths, secrets };
}

/** The certificate of the loopback Kubernetes APIs (127.0.0.1), kept while valid. */
export async function ensureApiCertificate(paths: LabPaths): Promise<void> {
  if (isCurrentlyValid(paths.apiCert)) return;
  await issueCertificate({
    caCert: paths.caCert,
    caKey: paths.caKey,
    certFile: paths.apiCert,
    keyFile: paths.apiKey,
    commonName: 'kubernetes-api.lab',
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 365 * DAY),
  });
}

/** The backend takes AWS credentials from the default chain: `source <dir>/aws.env`. */
export function writeAwsEnv(paths: LabPaths, secrets: LabSecrets): void {
  fs.writeFileSync(
    paths.awsEnv,
    `export AWS_ACCESS_KEY_ID=${secrets.awsAccessKeyId}\nexport AWS_SECRET_ACCESS_KEY='${secrets.awsSecretAccessKey}'\nexport AWS_REGION=eu-west-1\n`,
    { mode: 0o600 },
  );
}
