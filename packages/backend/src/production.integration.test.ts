import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { referencedVariables } from './configVariables';
import {
  documentedEnv,
  killReplicas,
  PORT,
  productionServices,
  ROOT,
  startProduction as start,
  untilReady,
} from './__testUtils__/productionStart';

// The production start as packages/backend/README.md (Production) documents it: PostgreSQL and
// Redis from scripts/services, the documented variables, `scripts/production start`.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-production-it-'));
const services = productionServices(dir, 3000);
const TOKEN = randomBytes(24).toString('hex');

jest.setTimeout(5 * 60_000);

let env: Record<string, string>;

beforeAll(() => {
  env = documentedEnv(dir, services.start(), TOKEN);
});

afterAll(async () => {
  await killReplicas();
  services.stop();
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
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain(
      'needs these environment variables, which are not set: AWS_REGION',
    );
  });

  it('starts on PostgreSQL and Redis with the documented variables, and answers the restricted external token', async () => {
    const run = start(env);
    await untilReady(run);
    const get = (route: string) =>
      fetch(`http://localhost:${PORT}${route}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
    // The federation plugin answers the token; the catalog, outside its restrictions, does not.
    // A new replica answers "collecting" at once; the first snapshot follows.
    let overview: { collecting?: object; clusters: { name: string }[] };
    const deadline = Date.now() + 90_000;
    do {
      const clusters = await get('/api/prometheus-federation/clusters');
      expect(clusters.status).toBe(200);
      overview = await clusters.json();
      if (!overview.collecting) break;
      await new Promise(r => setTimeout(r, 500));
    } while (Date.now() < deadline);
    expect(overview.collecting).toBeUndefined();
    expect(overview.clusters.map(c => c.name)).toEqual(
      expect.arrayContaining(['blue', 'green']),
    );
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
