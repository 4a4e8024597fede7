import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'services');

/** Where scripts/services keeps this test's own PostgreSQL and Redis, and their ports. */
export interface ServicesPlace {
  dir: string;
  postgresPort: number;
  redisPort: number;
}

function services(
  place: ServicesPlace,
  command: 'start' | 'stop' | 'stop-postgres' | 'start-postgres',
): string {
  return execFileSync(SCRIPT, [command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
    env: {
      ...process.env,
      SERVICES_DIR: place.dir,
      SERVICES_POSTGRES_PORT: String(place.postgresPort),
      SERVICES_REDIS_PORT: String(place.redisPort),
    },
  }).trim();
}

/**
 * Starts PostgreSQL and Redis with the project's scripts/services, in a folder and on ports of the
 * test's own (so that faults stop nobody else's), and answers their environment (POSTGRES_HOST,
 * ..., REDIS_URL). Throws, with the script's output, when they cannot start: the production-shaped
 * tests mean nothing on SQLite and a memory cache.
 */
export function startProductionServices(
  place: ServicesPlace,
): Record<string, string> {
  // PostgreSQL runs as the postgres user: it must reach its data folder.
  fs.mkdirSync(place.dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(place.dir, 0o755);
  let envFile: string;
  try {
    envFile = services(place, 'start');
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `PostgreSQL or Redis could not be started by scripts/services start: ${
        e.stderr || e.stdout || e.message
      }`,
    );
  }
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(envFile, 'utf8').split('\n')) {
    const m = /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2].replace(/^['"]|['"]$/g, '');
  }
  for (const key of ['POSTGRES_HOST', 'POSTGRES_PORT', 'REDIS_URL'])
    if (!env[key]) throw new Error(`${envFile} does not set ${key}`);
  return env;
}

export function stopProductionServices(place: ServicesPlace): void {
  services(place, 'stop');
}

/** Stops Redis alone, as an outage would (scripts/services start brings it back). */
export function stopRedis(place: ServicesPlace): void {
  execFileSync('redis-cli', [
    '-h',
    '127.0.0.1',
    '-p',
    String(place.redisPort),
    'shutdown',
    'nosave',
  ]);
}

/** Stops or starts PostgreSQL alone (scripts/services stop-postgres, start-postgres). */
export function postgres(place: ServicesPlace, action: 'stop' | 'start'): void {
  services(place, `${action}-postgres`);
}
