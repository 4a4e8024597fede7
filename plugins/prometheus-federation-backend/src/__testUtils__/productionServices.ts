import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Starts the project's PostgreSQL and Redis (scripts/services) and answers their environment
 * (POSTGRES_HOST, ..., REDIS_URL). Throws, with the script's output, when they cannot start: the
 * production-shaped tests mean nothing on SQLite and a memory cache.
 */
export function startProductionServices(): Record<string, string> {
  const script = path.join(REPO_ROOT, 'scripts', 'services');
  let envFile: string;
  try {
    envFile = execFileSync(script, ['start'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }).trim();
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
