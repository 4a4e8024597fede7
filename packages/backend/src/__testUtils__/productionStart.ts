import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

// The production start as packages/backend/README.md (Production) documents it: PostgreSQL and
// Redis from scripts/services, the documented variables, `scripts/production start`.
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** app-config.production.yaml's backend.listen */
export const PORT = 7007;

/** PostgreSQL and Redis of one test file: its own folder (inside `dir`) and ports. */
export function productionServices(dir: string, portOffset: number) {
  // PostgreSQL runs as the postgres user: it must reach its data folder inside this one.
  fs.chmodSync(dir, 0o755);
  const place = {
    SERVICES_DIR: path.join(dir, 'services'),
    SERVICES_POSTGRES_PORT: String(25432 + portOffset),
    SERVICES_REDIS_PORT: String(26379 + portOffset),
  };
  const script = (command: 'start' | 'stop') =>
    execFileSync(path.join(ROOT, 'scripts', 'services'), [command], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...place },
    }).trim();
  return {
    /** Starts both and answers their variables (POSTGRES_HOST, ..., REDIS_URL). */
    start(): Record<string, string> {
      fs.mkdirSync(place.SERVICES_DIR, { recursive: true, mode: 0o755 });
      const env: Record<string, string> = {};
      for (const line of fs.readFileSync(script('start'), 'utf8').split('\n')) {
        const m = /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line.trim());
        if (m) env[m[1]] = m[2].replace(/^['"]|['"]$/g, '');
      }
      return env;
    },
    stop: () => script('stop'),
  };
}

/**
 * The variables the README lists: PostgreSQL and Redis from `services`, the rest made up. The
 * kubeconfig (written into `dir`) points both clusters at a closed port.
 */
export function documentedEnv(
  dir: string,
  services: Record<string, string>,
  token: string,
): Record<string, string> {
  const kubeconfig = path.join(dir, 'kubeconfig.yaml');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: leaf, cluster: {server: "https://127.0.0.1:1"}}]',
      'users: [{name: portal, user: {token: unused}}]',
      'contexts: [{name: blue, context: {cluster: leaf, user: portal}}, {name: green, context: {cluster: leaf, user: portal}}]',
      'current-context: blue',
    ].join('\n'),
  );
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...services,
    PORTAL_BASE_URL: `http://localhost:${PORT}`,
    EXTERNAL_ACCESS_TOKEN: token,
    AUTH_GITHUB_CLIENT_ID: 'production-test',
    AUTH_GITHUB_CLIENT_SECRET: randomBytes(12).toString('hex'),
    GITHUB_APP_ID: '1',
    GITHUB_APP_CLIENT_ID: 'Iv1.production-test',
    GITHUB_APP_CLIENT_SECRET: randomBytes(12).toString('hex'),
    GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }),
    FEDERATION_KUBECONFIG: kubeconfig,
    AWS_REGION: 'eu-west-1',
    OPS_CLUSTER_SECURITY_GROUP_ID: 'sg-00000000000000000',
    BLUE_NODE_SECURITY_GROUP_ID: 'sg-00000000000000001',
    GREEN_NODE_SECURITY_GROUP_ID: 'sg-00000000000000002',
  };
}

/** A `scripts/production start` replica: its process, its exit and what it printed. */
export interface ProductionReplica {
  child: ChildProcess;
  /** The exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string>;
  output(): string;
  /** Resolves when a printed line matches (rejects when the process exits first). */
  printed(pattern: RegExp, timeoutMs: number): Promise<void>;
}

const running = new Set<ChildProcess>();

/** `scripts/production start [args]` with exactly `env` (plus PATH and HOME), its output kept. */
export function startProduction(
  env: Record<string, string>,
  args: string[] = [],
): ProductionReplica {
  const child: ChildProcess = spawn(
    path.join(ROOT, 'scripts', 'production'),
    ['start', ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += stripVTControlCharacters(chunk.toString('utf8'));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | string>(resolve =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const printed = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `exited before printing ${pattern}:\n${output.slice(-4000)}`,
        );
      if (Date.now() > deadline)
        throw new Error(
          `did not print ${pattern} in ${timeoutMs} ms:\n${output.slice(
            -4000,
          )}`,
        );
      await new Promise(r => setTimeout(r, 200));
    }
  };
  return { child, exited, output: () => output, printed };
}

/** Kills every replica still running (for afterAll). */
export async function killReplicas(): Promise<void> {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise(r => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
  running.clear();
}

/** Polls the readiness route until it answers 200; throws with the output when it does not. */
export async function untilReady(
  replica: ProductionReplica,
  port = PORT,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && replica.child.exitCode === null) {
    const ready = await fetch(
      `http://localhost:${port}/.backstage/health/v1/readiness`,
    )
      .then(r => r.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`not ready:\n${replica.output().slice(-4000)}`);
}
