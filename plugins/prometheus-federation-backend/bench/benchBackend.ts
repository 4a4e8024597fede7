import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { startFleet } from '@promfed/federation-lab';
import { prometheusFederationPlugin } from '../src/plugin';
import { benchFloorPlugin } from './benchFloorPlugin';

/** The static token benchmarks call the routes with. */
export const BENCH_TOKEN = 'bench-static-token-0123456789';

/**
 * The real backend with only this plugin, on loopback, in-memory SQLite, the given
 * `prometheusFederation` section: what the route benchmarks measure. Stop it with `stop()`.
 * Without a section, the same backend without this plugin: Backstage's own share.
 */
export async function startBenchBackend(options: {
  dir: string;
  port: number;
  federation?: object;
  /** SQLite files in this folder, kept between starts (the stored copy); default in memory. */
  databaseDirectory?: string;
}): Promise<ReturnType<typeof createBackend>> {
  const configFile = path.join(options.dir, 'bench-app-config.yaml');
  fs.writeFileSync(
    configFile,
    stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${options.port}`,
        listen: { port: options.port, host: '127.0.0.1' },
        database: {
          client: 'better-sqlite3',
          connection: options.databaseDirectory
            ? { directory: options.databaseDirectory }
            : ':memory:',
        },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: BENCH_TOKEN, subject: 'bench' },
            },
          ],
        },
      },
      ...(options.federation && { prometheusFederation: options.federation }),
    }),
  );
  const backend = createBackend();
  backend.add(rootConfigServiceFactory({ argv: ['--config', configFile] }));
  if (options.federation) backend.add(prometheusFederationPlugin);
  // BENCH_FLOOR_BODY=<gzip file>: also the floor route, /api/bench-floor/bytes (requestPath bench).
  if (process.env.BENCH_FLOOR_BODY)
    backend.add(benchFloorPlugin(process.env.BENCH_FLOOR_BODY));
  await backend.start();
  return backend;
}

/**
 * A lab's or fleet's AWS keys into this process' environment (the backend's EC2 client reads
 * them), and the `prometheusFederation` section for it: one refresh an hour (the benchmarks
 * refresh themselves), 10 s upstream timeout.
 */
export function benchFederation<T extends object>(lab: {
  awsCredentials: { accessKeyId: string; secretAccessKey: string };
  backendConfig: { prometheusFederation: T };
}) {
  process.env.AWS_ACCESS_KEY_ID = lab.awsCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = lab.awsCredentials.secretAccessKey;
  return {
    ...lab.backendConfig.prometheusFederation,
    refreshIntervalSeconds: 3600,
    upstreamTimeoutSeconds: 10,
    // The benchmarks refresh back to back, every 5 to 10 s: with 100 (the default 300 at 30 s
    // refreshes, scaled), healthy leaves' probes fall due again within the run.
    probeReuseSeconds: 100,
  };
}

/**
 * The lab fleet the fleet benchmarks run against: 10% of the clusters faulted, 200 series a
 * leaf, 15 s scrapes; with its benchFederation().
 */
export async function startBenchFleet(
  dir: string,
  size: number,
  basePort: number,
) {
  const fleet = await startFleet({
    dir,
    basePort,
    clusters: size,
    faultFraction: 0.1,
    seriesPerLeaf: 200,
    scrapeIntervalSeconds: 15,
  });
  return { fleet, federation: benchFederation(fleet) };
}
