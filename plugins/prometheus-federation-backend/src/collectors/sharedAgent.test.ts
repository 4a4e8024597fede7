import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { LocalServer, startLocalServer } from '../__testUtils__/localServer';
import { issueTestLeaf, makeTestCa } from '../__testUtils__/testCertificates';
import { sharedAgent } from './sharedAgent';

let dir: string;
let ca: string;
let server: LocalServer;
const pool = { keepAliveMs: 60_000, timeoutMs: 5_000 };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-shared-agent-'));
  makeTestCa(dir);
  ca = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  server = await startLocalServer(
    (_req, res) => res.end('{}'),
    issueTestLeaf(dir, 'api', 'localhost', 5),
  );
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sharedAgent', () => {
  it('gives leaves with the same TLS options one pool: leaves behind one API endpoint share its connection', async () => {
    const connect = { ca, servername: 'localhost', keepAlive: true };
    const agent = sharedAgent({ ...connect }, pool);
    expect(sharedAgent({ ...connect }, { ...pool })).toBe(agent);
    const leaves = ['blue', 'green', 'red', 'amber', 'teal', 'plum'];
    for (const leaf of leaves) {
      const answer = await request(`${server.url}/clusters/${leaf}`, {
        dispatcher: sharedAgent({ ...connect }, pool),
      });
      await answer.body.text();
      expect(answer.statusCode).toBe(200);
    }
    // A pool per leaf keeps one connection each (6); undici may open a second while the first
    // finishes its answer.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('keeps leaves with other TLS material, server name or pool settings apart', () => {
    const agent = sharedAgent({ ca }, pool);
    expect(sharedAgent({ ca: [ca, ca] }, pool)).not.toBe(agent);
    expect(sharedAgent({ ca, servername: 'other' }, pool)).not.toBe(agent);
    expect(sharedAgent({ ca, rejectUnauthorized: false }, pool)).not.toBe(
      agent,
    );
    expect(sharedAgent({ ca }, { ...pool, timeoutMs: 1_000 })).not.toBe(agent);
    expect(sharedAgent({ ca }, pool)).toBe(agent);
  });
});
