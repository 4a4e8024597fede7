import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ClusterState,
  ClusterStatus,
} from '@internal/plugin-prometheus-federation-common';
import { HISTORY_LENGTH, HistoryStore } from './historyStore';

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
      history: await HistoryStore.create({ getClient: async () => knex }),
    };
  }

  it('records only state changes and answers since when each cluster is in its state', async () => {
    const { history } = await store();
    expect(await history.record([status('blue', 'healthy')], at(0))).toEqual({
      blue: at(0),
    });
    expect(await history.record([status('blue', 'healthy')], at(1))).toEqual({
      blue: at(0),
    });
    expect(await history.record([status('blue', 'down')], at(2))).toEqual({
      blue: at(2),
    });
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
    await history.prune();
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
    expect(await history.record([status('blue', 'down')], at(flaps))).toEqual({
      blue: at(flaps - 1),
    });
  });
});
