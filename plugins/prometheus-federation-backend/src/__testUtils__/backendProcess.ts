import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { REPO_ROOT } from './productionServices';

/** packages/backend as a process, the way `backstage-cli package start` runs it (without watching). */
export interface BackendProcess {
  name: string;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Lines printed after `from` characters of output (a mark taken with output().length). */
  linesSince(from: number, pattern: RegExp): string[];
  get<T = any>(route: string): Promise<T>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface BackendProcessOptions {
  name: string;
  port: number;
  /** Config files after app-config.yaml and app-config.production.yaml. */
  configs: string[];
  env: Record<string, string>;
  token: string;
  logFile: string;
}

const READY_TIMEOUT_MS = 120_000;

/** Every process started here, so that a failed start leaves none behind. */
const started = new Set<ChildProcess>();

/** Kills whatever backend processes are still running (for afterAll). */
export async function killAllBackends(): Promise<void> {
  await Promise.all(
    [...started].map(child => {
      if (child.exitCode !== null || child.signalCode !== null)
        return undefined;
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGKILL');
      return exited;
    }),
  );
  started.clear();
}

async function inUse(port: number): Promise<boolean> {
  return fetch(`http://localhost:${port}/`)
    .then(() => true)
    .catch(() => false);
}

export async function startBackendProcess(
  options: BackendProcessOptions,
): Promise<BackendProcess> {
  const url = `http://localhost:${options.port}`;
  if (await inUse(options.port))
    throw new Error(
      `port ${options.port} is in use: a backend from an earlier run? stop it first`,
    );
  const configs = [
    path.join(REPO_ROOT, 'app-config.yaml'),
    path.join(REPO_ROOT, 'app-config.production.yaml'),
    ...options.configs,
  ].flatMap(file => ['--config', file]);
  // The CLI's transform hook compiles TypeScript on require, as in `package start`.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      path.join(REPO_ROOT, 'packages', 'backend', 'src', 'index.ts'),
      ...configs,
    ],
    {
      // The production config's catalog paths are relative to the repository root.
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.add(child);
  let output = '';
  // What went wrong, without the readiness polls in between.
  const tail = () =>
    output
      .split('\n')
      .filter(line => !line.includes('/.backstage/health'))
      .slice(-40)
      .join('\n');
  const log = fs.createWriteStream(options.logFile);
  const collect = (chunk: Buffer) => {
    // Colours off the lines, so that patterns match the text.
    output += stripVTControlCharacters(chunk.toString('utf8'));
    log.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );

  const get = async (route: string) => {
    const res = await fetch(`${url}${route}`, {
      headers: { Authorization: `Bearer ${options.token}` },
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok)
      throw new Error(
        `${options.name} ${route}: HTTP ${res.status} ${await res.text()}`,
      );
    return res.json();
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(
        `backend ${options.name} exited (${
          child.exitCode
        }) while starting:\n${tail()}`,
      );
    const ready = await fetch(`${url}/.backstage/health/v1/readiness`)
      .then(r => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `backend ${options.name} not ready in ${
          READY_TIMEOUT_MS / 1000
        }s:\n${tail()}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }

  return {
    name: options.name,
    url,
    output: () => output,
    linesSince: (from, pattern) =>
      output
        .slice(from)
        .split('\n')
        .filter(line => pattern.test(line)),
    get,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        // A graceful stop gets ten seconds.
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}
