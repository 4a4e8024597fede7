import { TestDatabases } from '@backstage/backend-test-utils';
import { HistoryStore } from '../store/historyStore';
import { NotifiedStateStore } from './NotifiedStateStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('NotifiedStateStore', () => {
  it('creates the rows of 1000 clusters on SQLite (inserts batched under its compound SELECT limit)', async () => {
    const knex = await databases.init('SQLITE_3');
    await HistoryStore.create({ getClient: async () => knex }); // runs the migrations
    const store = await NotifiedStateStore.create({
      getClient: async () => knex,
    });
    const names = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const rows = await store.read(names);
    expect(rows.size).toBe(1000);
    expect(rows.get('c999')).toMatchObject({ state: '', since: '' });
  });
});
