import fs from 'node:fs';
import { stringify } from 'yaml';
import {
  ensureApiCertificate,
  prepareStateFolder,
  writeAwsEnv,
  writeOpsConfig,
} from '../prepare';
import { kubeconfigYaml } from '../kubernetes/kubeconfig';
import { findPrometheusBinaries, promtoolCheck } from '../prometheus/binaries';
import { federationRules } from '../prometheus/configs';
import { buildFleetBackendConfig } from '../backendConfig';
import { fleetKubernetesPath } from './kubernetesFleetApi';
import { fleetPorts, ResolvedFleetOptions } from './options';

/**
 * Files a fleet needs before its daemon starts, made in the starting process so a missing tool or
 * a rejected config fails the start: the CA and the API server certificate (openssl, once), the
 * kubeconfig (a context per leaf), the ops config with a federate job per leaf (promtool-checked),
 * credentials and the backend's app-config. Leaf certificates are issued by the daemon, in memory.
 */
export async function prepareFleet(
  options: ResolvedFleetOptions,
): Promise<void> {
  const ports = fleetPorts(options.basePort);
  const { promtool } = findPrometheusBinaries();
  const { paths, secrets } = await prepareStateFolder(options.dir);
  await ensureApiCertificate(paths);
  const api = `https://127.0.0.1:${ports.kubernetes}`;
  fs.writeFileSync(
    paths.kubeconfig,
    kubeconfigYaml({
      // Inline: a client reading the CA file once per context would read it a thousand times.
      caData: fs.readFileSync(paths.caCert).toString('base64'),
      token: secrets.kubernetesToken,
      servers: Object.fromEntries(
        options.clusters.map(c => [c, `${api}${fleetKubernetesPath(c)}`]),
      ),
    }),
    { mode: 0o600 },
  );
  fs.writeFileSync(paths.opsRules, federationRules());
  // Every job dials the shared leaf port; tls_config.server_name names the leaf.
  writeOpsConfig(options, undefined, () => ports.leaves);
  await promtoolCheck(promtool, 'rules', paths.opsRules);
  await promtoolCheck(promtool, 'config', paths.opsConfig);
  writeAwsEnv(paths, secrets);
  fs.writeFileSync(
    paths.appConfig,
    `# Lab only: a fleet of ${
      options.clusters.length
    } clusters, written by packages/federation-lab for \`backstage-cli --config\`.\n${stringify(
      buildFleetBackendConfig(options, ports),
    )}`,
  );
}
