import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ClusterState,
  ClusterStatus,
} from '@promfed/plugin-prometheus-federation-common';
import {
  DISAPPEARED_AFTER_MS,
  HISTORY_LENGTH,
  HistoryStore,
} from './historyStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const status = (name: string, state: ClusterState) =>
  ({ name, state } as ClusterStatus);
const at = (i: number) => new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString();

describe('HistoryStore', () => {
  async function store() {
    const knex = await databases.init('SQLITE_3');
    return {
      knex,
      history: await HistoryStore.create({ getClient: async () => knex }, 500),
    };
  }

  it('records a transition once when two replicas record the same snapshot', async () => {
    const { knex, history } = await store();
    const other = await HistoryStore.create({ getClient: async () => knex });
    await Promise.all([
      history.record([status('blue', 'down')], at(1)),
      other.record([status('blue', 'down')], at(1)),
    ]);
    await other.record([status('blue', 'healthy')], at(2));
    // A replica replaying an older snapshot changes nothing.
    await history.record([status('blue', 'down')], at(1));
    expect((await history.history('blue')).map(t => [t.to, t.at])).toEqual([
      ['healthy', at(2)],
      ['down', at(1)],
    ]);
  });

  it('records 1000 clusters at once on SQLite (inserts batched under its compound SELECT limit)', async () => {
    const { history } = await store();
    const names = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const since = await history.record(
      names.map(n => status(n, 'down')),
      at(0),
    );
    expect(since.size).toBe(1000);
    await history.record(
      names.map(n => status(n, 'healthy')),
      at(1),
    );
    expect((await history.history('c999')).map(t => t.to)).toEqual([
      'healthy',
      'down',
    ]);
  });

  it('keeps cluster names from upstream labels as data', async () => {
    const { history } = await store();
    const names = ['__proto__', 'constructor', 'toString'];
    const since = await history.record(
      names.map(n => status(n, 'down')),
      at(0),
    );
    expect([...since]).toEqual(names.map(n => [n, at(0)]));
    expect((await history.history('__proto__')).map(t => t.to)).toEqual([
      'down',
    ]);
  });

  it('times out on a hanging database and catches up, in order, when it returns', async () => {
    const knex = await databases.init('SQLITE_3');
    // The database hangs once, then refuses once, then returns.
    const faults: Array<() => Promise<never>> = [];
    const flaky = new Proxy(knex, {
      get: (target, prop, receiver) =>
        prop === 'transaction' && faults.length
          ? faults.shift()
          : Reflect.get(target, prop, receiver),
    });
    const history = await HistoryStore.create(
      { getClient: async () => flaky },
      500,
    );
    await history.record([status('blue', 'healthy')], at(0));
    faults.push(
      () => new Promise(() => {}),
      async () => {
        throw new Error('connection refused');
      },
    );
    await expect(
      history.record([status('blue', 'down')], at(1)),
    ).rejects.toThrow('database did not answer within 500 ms');
    await expect(
      history.record([status('blue', 'degraded')], at(2)),
    ).rejects.toThrow('connection refused');
    expect(history.backlog).toBe(2);
    expect(await history.record([status('blue', 'degraded')], at(3))).toEqual(
      new Map([['blue', at(2)]]),
    );
    expect(history.backlog).toBe(0);
    expect(
      (await history.history('blue')).map(t => [t.from, t.to, t.at]),
    ).toEqual([
      ['down', 'degraded', at(2)],
      ['healthy', 'down', at(1)],
      [undefined, 'healthy', at(0)],
    ]);
  });

  it('prunes clusters no snapshot listed for a week', async () => {
    const { knex, history } = await store();
    await history.record(
      [status('gone', 'down'), status('blue', 'down')],
      at(0),
    );
    const later = Date.parse(at(0)) + DISAPPEARED_AFTER_MS + 60_000;
    await history.record(
      [status('blue', 'down')],
      new Date(later).toISOString(),
    );
    await history.prune(later + 1000);
    expect(await history.history('gone')).toEqual([]);
    expect(await knex('cluster_states').pluck('cluster')).toEqual(['blue']);
    expect(await history.history('blue')).toHaveLength(1);
  });

  it('records only state changes and answers since when each cluster is in its state', async () => {
    const { history } = await store();
    expect(await history.record([status('blue', 'healthy')], at(0))).toEqual(
      new Map([['blue', at(0)]]),
    );
    expect(await history.record([status('blue', 'healthy')], at(1))).toEqual(
      new Map([['blue', at(0)]]),
    );
    expect(await history.record([status('blue', 'down')], at(2))).toEqual(
      new Map([['blue', at(2)]]),
    );
    expect(
      (await history.history('blue')).map(t => [t.from, t.to, t.at]),
    ).toEqual([
      ['healthy', 'down', at(2)],
      [undefined, 'healthy', at(0)],
    ]);
  });

  it(`prunes each cluster to its newest ${HISTORY_LENGTH} transitions, leaving shorter histories alone`, async () => {
    const { knex, history } = await store();
    const flaps = HISTORY_LENGTH + 10;
    for (let i = 0; i < flaps; i++) {
      await history.record(
        [
          status('blue', i % 2 ? 'down' : 'healthy'),
          status(
            'green',
            i < 3
              ? (['healthy', 'degraded', 'healthy'] as const)[i]
              : 'healthy',
          ),
        ],
        at(i),
      );
    }
    await history.prune(Date.parse(at(flaps)));
    const rows = await knex('state_transitions')
      .where({ cluster: 'blue' })
      .orderBy('id');
    expect(rows).toHaveLength(HISTORY_LENGTH);
    // The oldest ten went; the newest stays.
    expect(rows[0].at).toBe(at(10));
    expect(rows[rows.length - 1].at).toBe(at(flaps - 1));
    expect(
      await knex('state_transitions').where({ cluster: 'green' }),
    ).toHaveLength(3);
    // The route never asks for more than is kept.
    expect(await history.history('blue', 500)).toHaveLength(HISTORY_LENGTH);
    // The current state is untouched by pruning.
    expect(await history.record([status('blue', 'down')], at(flaps))).toEqual(
      new Map([['blue', at(flaps - 1)]]),
    );
  });
});
