import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

/** The static token benchmarks call the routes with. */
export const BENCH_TOKEN = 'bench-static-token-0123456789';

/** In place of a federation file (bench/footprintBackend.ts): the backend without this plugin. */
export const WITHOUT_PLUGIN = 'none';

/** The backend's database and cache sections, as app-config.production.yaml has them. */
export interface BenchServices {
  database: object;
  cache: object;
}

/**
 * The real backend with only this plugin, on loopback, on SQLite (or production's services),
 * with the given `prometheusFederation` section: what the route benchmarks measure. Stop it
 * with `stop()`. Without a section, the same backend without this plugin: Backstage's own share. The plugins
 * are loaded only when added, so that a process without them holds none of their code.
 */
export async function startBenchBackend(options: {
  dir: string;
  port: number;
  federation?: object;
  /** SQLite files in this folder, kept between starts (the stored copy); default in memory. */
  databaseDirectory?: string;
  /** Production's database and cache sections instead (PostgreSQL, Redis): BenchServices. */
  services?: BenchServices;
}): Promise<ReturnType<typeof createBackend>> {
  const configFile = path.join(options.dir, 'bench-app-config.yaml');
  fs.writeFileSync(
    configFile,
    stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${options.port}`,
        listen: { port: options.port, host: '127.0.0.1' },
        database: options.services?.database ?? {
          client: 'better-sqlite3',
          connection: options.databaseDirectory
            ? { directory: options.databaseDirectory }
            : ':memory:',
        },
        ...(options.services && { cache: options.services.cache }),
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
  if (options.federation)
    backend.add((await import('../src/plugin')).prometheusFederationPlugin);
  // BENCH_FLOOR_BODY=<gzip file>: also the floor route, /api/bench-floor/bytes (requestPath bench).
  if (process.env.BENCH_FLOOR_BODY)
    backend.add(
      (await import('./benchFloorPlugin')).benchFloorPlugin(
        process.env.BENCH_FLOOR_BODY,
      ),
    );
  await backend.start();
  return backend;
}
