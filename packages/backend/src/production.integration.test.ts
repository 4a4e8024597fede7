import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { referencedVariables } from './configVariables';

// The production start as packages/backend/README.md (Production) documents it: PostgreSQL and
// Redis from scripts/services, the documented variables, `scripts/production start`.
const ROOT = path.resolve(__dirname, '..', '..', '..');
const PORT = 7007; // app-config.production.yaml's backend.listen
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-production-it-'));
// PostgreSQL runs as the postgres user: it must reach its data folder inside this one.
fs.chmodSync(dir, 0o755);
const services = {
  SERVICES_DIR: path.join(dir, 'services'),
  SERVICES_POSTGRES_PORT: String(25432 + 3000),
  SERVICES_REDIS_PORT: String(26379 + 3000),
};
const TOKEN = randomBytes(24).toString('hex');

jest.setTimeout(5 * 60_000);

function servicesScript(command: 'start' | 'stop'): string {
  return execFileSync(path.join(ROOT, 'scripts', 'services'), [command], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...services },
  }).trim();
}

/** The variables the README lists: PostgreSQL and Redis from scripts/services, the rest made up. */
function documentedEnv(): Record<string, string> {
  fs.mkdirSync(services.SERVICES_DIR, { recursive: true, mode: 0o755 });
  const envFile = servicesScript('start');
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(envFile, 'utf8').split('\n')) {
    const m = /^(?:export\s+)?([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2].replace(/^['"]|['"]$/g, '');
  }
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
    ...env,
    PORTAL_BASE_URL: `http://localhost:${PORT}`,
    EXTERNAL_ACCESS_TOKEN: TOKEN,
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

/** `scripts/production start` with exactly `env` (plus PATH and HOME), its output kept. */
function start(env: Record<string, string>) {
  const child: ChildProcess = spawn(
    path.join(ROOT, 'scripts', 'production'),
    ['start'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += stripVTControlCharacters(chunk.toString('utf8'));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>(resolve =>
    child.once('exit', code => resolve(code)),
  );
  return { child, exited, output: () => output };
}

let env: Record<string, string>;
const running: ChildProcess[] = [];

beforeAll(() => {
  env = documentedEnv();
});

afterAll(async () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise(r => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
  servicesScript('stop');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the production start', () => {
  it('sets every variable app-config.production.yaml reads', () => {
    const needed = referencedVariables(
      fs.readFileSync(path.join(ROOT, 'app-config.production.yaml'), 'utf8'),
    );
    expect(needed.filter(name => !env[name])).toEqual([]);
  });

  it('stops, naming the variable, when one is left out', async () => {
    const { AWS_REGION: _, ...withoutRegion } = env;
    const run = start(withoutRegion);
    running.push(run.child);
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain(
      'needs these environment variables, which are not set: AWS_REGION',
    );
  });

  it('starts on PostgreSQL and Redis with the documented variables, and answers the restricted external token', async () => {
    const run = start(env);
    running.push(run.child);
    const deadline = Date.now() + 180_000;
    let ready = false;
    while (!ready && Date.now() < deadline && run.child.exitCode === null) {
      ready = await fetch(
        `http://localhost:${PORT}/.backstage/health/v1/readiness`,
      )
        .then(r => r.ok)
        .catch(() => false);
      if (!ready) await new Promise(r => setTimeout(r, 1000));
    }
    if (!ready) throw new Error(`not ready:\n${run.output().slice(-4000)}`);
    const get = (route: string) =>
      fetch(`http://localhost:${PORT}${route}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
    // The federation plugin answers the token; the catalog, outside its restrictions, does not.
    const clusters = await get('/api/prometheus-federation/clusters');
    expect(clusters.status).toBe(200);
    expect(
      (await clusters.json()).clusters.map((c: { name: string }) => c.name),
    ).toEqual(expect.arrayContaining(['blue', 'green']));
    expect([401, 403]).toContain(
      (await get('/api/catalog/entities?limit=1')).status,
    );
    // On PostgreSQL: the plugin's tables are there.
    const psql = execFileSync(
      'psql',
      [
        '-h',
        env.POSTGRES_HOST,
        '-p',
        env.POSTGRES_PORT,
        '-U',
        env.POSTGRES_USER,
        '-d',
        'backstage_plugin_prometheus-federation',
        '-tAc',
        "select count(*) from information_schema.tables where table_name = 'cluster_lifecycle'",
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: env.POSTGRES_PASSWORD },
      },
    );
    expect(psql.trim()).toBe('1');
    // No secret in what it printed.
    for (const secret of [
      env.POSTGRES_PASSWORD,
      TOKEN,
      env.GITHUB_APP_CLIENT_SECRET,
    ])
      expect(run.output()).not.toContain(secret);
  });
});
