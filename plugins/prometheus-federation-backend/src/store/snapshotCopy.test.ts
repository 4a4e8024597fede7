import { TestDatabases } from '@backstage/backend-test-utils';
import { HistoryStore } from './historyStore';
import { SnapshotCopy } from './snapshotCopy';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** A copy on a fresh database (the history store's migrations create its table). */
async function copy() {
  const knex = await databases.init('SQLITE_3');
  await HistoryStore.create({ getClient: async () => knex });
  return new SnapshotCopy(knex, 1000);
}

describe('SnapshotCopy', () => {
  it('writes several keys together, and never replaces them with an older snapshot', async () => {
    const shared = await copy();
    await shared.write('2026-12-07T15:00:00.000Z', [
      ['snapshot', { clusters: 2 }],
      ['version', { generatedAt: '2026-12-07T15:00:00.000Z' }],
    ]);
    await shared.write('2026-12-07T14:00:00.000Z', [
      ['snapshot', { clusters: 1 }],
    ]);
    expect(await shared.read('snapshot')).toEqual({ clusters: 2 });
    expect(await shared.read('version')).toEqual({
      generatedAt: '2026-12-07T15:00:00.000Z',
    });
  });

  it('writes all of them or none: a reader never finds a version without its list', async () => {
    const shared = await copy();
    // The second value cannot be written (JSON has no BigInt): the first is rolled back with it.
    await expect(
      shared.write('2026-12-07T15:00:00.000Z', [
        ['list', { clusters: 2 }],
        ['version', { generatedAt: 10n }],
      ]),
    ).rejects.toThrow(/BigInt/);
    expect(await shared.read('list')).toBeUndefined();
  });
});
