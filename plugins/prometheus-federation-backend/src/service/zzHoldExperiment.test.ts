import knexFactory from 'knex';
import fs from 'node:fs';
import { mockServices } from '@backstage/backend-test-utils';
import { fleet } from '../__testUtils__/fleetFacts';
import { HistoryStore } from '../store/historyStore';
import { SnapshotCopy } from '../store/snapshotCopy';
import { SnapshotStore } from '../store/snapshotStore';
import { triageFederationInSlices } from '../triage/triageFederation';
import { packSnapshot, unpackSnapshot } from '../worker/snapshotTransfer';

jest.setTimeout(120_000);
const PROBE_MS = 5;
async function holds(work: () => Promise<unknown>) {
  let last = performance.now();
  const list: number[] = [];
  const probe = setInterval(() => {
    const now = performance.now();
    list.push(now - last - PROBE_MS);
    last = now;
  }, PROBE_MS);
  const t0 = performance.now();
  await work();
  const total = performance.now() - t0;
  await new Promise(r => setTimeout(r, 20));
  clearInterval(probe);
  return { max: Math.round(Math.max(...list)), over20: list.filter(x => x > 20).map(Math.round), total: Math.round(total) };
}

it('experiment', async () => {
  const dir = fs.mkdtempSync('/tmp/h27l/db-');
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: `${dir}/db.sqlite` }, useNullAsDefault: true });
  const history = await HistoryStore.create({ getClient: async () => knex });
  const copy = new SnapshotCopy(knex, 5000);
  const store = new SnapshotStore(mockServices.cache.mock() as any, 60000, { copy });
  const { options, facts } = fleet(1000);
  for (let i = 0; i < 4; i++) {
    const packed = packSnapshot(await triageFederationInSlices(facts, options)).packed;
    const r: Record<string, unknown> = {};
    let snapshot: any;
    r.unpack = await holds(async () => { snapshot = await unpackSnapshot(packed); });
    snapshot.generatedAt = new Date(Date.now() + i).toISOString();
    r.history = await holds(() => history.record(snapshot.clusters, snapshot.generatedAt));
    r.set = await holds(() => store.set(snapshot).catch(() => {}));
    console.log(i, JSON.stringify(r));
  }
  await knex.destroy();
});
