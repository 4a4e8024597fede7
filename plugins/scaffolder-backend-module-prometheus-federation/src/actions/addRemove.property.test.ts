import fs from 'node:fs';
import { createAddClusterAction } from './addCluster';
import { createRemoveClusterAction } from './removeCluster';
import { readInventory } from '../inventory/readInventory';
import { describePlace, Inventory } from '../inventory/types';
import { repoReader } from '../workspace/repoReader';
import { readTree } from '../__testUtils__/fixtureRepo';
import {
  EXPOSURE_LAYOUTS,
  generateRepository,
  RepositoryShape,
  SCRAPE_LAYOUTS,
  TERRAFORM_LAYOUTS,
  writeRepository,
} from '../__testUtils__/generatedRepository';
import { runAction } from '../__testUtils__/runAction';

/** A small seeded generator (mulberry32): the same cases on every run, many shapes covered. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOL = ['blue', 'green', 'eu-west', 'red-2', 'ap-south', 'gray'];

function shapes(count: number): RepositoryShape[] {
  const next = random(22);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, () => {
    const clusters = POOL.filter(() => next() < 0.5);
    return {
      scrape: pick(SCRAPE_LAYOUTS),
      terraform: pick(TERRAFORM_LAYOUTS),
      exposure: pick(EXPOSURE_LAYOUTS),
      clusters: clusters.length > 0 ? clusters : ['blue'],
    };
  });
}

/** The body's claims: each `- added:`/`- removed:` line of its check. */
function claims(body: string, verb: string): string[] {
  return body
    .split('\n')
    .filter(l => l.startsWith(`- ${verb}: `))
    .map(l => l.slice(`- ${verb}: `.length))
    .sort();
}

/** What the inventory says changed for the cluster. */
function difference(before: Inventory, after: Inventory, cluster: string) {
  const of = (inv: Inventory) =>
    inv.places.filter(p => p.cluster === cluster).map(describePlace);
  const a = new Set(of(before));
  const b = new Set(of(after));
  return {
    added: [...b].filter(p => !a.has(p)).sort(),
    removed: [...a].filter(p => !b.has(p)).sort(),
  };
}

const dirs: string[] = [];
afterAll(() =>
  dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
);

describe('add and remove over generated repositories', () => {
  it.each(
    shapes(32).map(s => [
      `${s.scrape}/${s.terraform}/${s.exposure} ${s.clusters.join(',')}`,
      s,
    ]),
  )(
    '%s: remove after add is the identity, and the bodies claim the inventory difference',
    async (_name, shape) => {
      const repo = writeRepository(
        generateRepository(shape as RepositoryShape),
      );
      dirs.push(repo);
      const original = readTree(repo);
      const read = () => readInventory(repoReader(repo));
      const cluster =
        POOL.find(c => !(shape as RepositoryShape).clusters.includes(c)) ??
        'purple';

      const before = await read();
      const added = await runAction(createAddClusterAction(), repo, {
        cluster,
        catalogOwner: 'group:platform',
        exposure:
          (shape as RepositoryShape).exposure === 'httpRoute'
            ? 'gateway'
            : undefined,
        gatewayName: 'public',
        gatewayNamespace: 'gateway-system',
      });
      const middle = await read();
      const addDiff = difference(before, middle, cluster);
      expect(addDiff.added.length).toBeGreaterThan(0);
      expect(claims(added.outputs.body, 'added')).toEqual(addDiff.added);
      expect(claims(added.outputs.body, 'removed')).toEqual(addDiff.removed);

      const removed = await runAction(createRemoveClusterAction(), repo, {
        cluster,
      });
      const after = await read();
      const removeDiff = difference(middle, after, cluster);
      expect(claims(removed.outputs.body, 'removed')).toEqual(
        removeDiff.removed,
      );
      expect(claims(removed.outputs.body, 'added')).toEqual([]);
      expect(readTree(repo)).toEqual(original);
    },
    60000,
  );
});
