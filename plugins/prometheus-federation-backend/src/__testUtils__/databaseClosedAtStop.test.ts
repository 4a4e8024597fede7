import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { databaseClosedAtStop } from './databaseClosedAtStop';

describe('databaseClosedAtStop', () => {
  it("gives a plugin an in-memory database and closes it when the backend stops: no pool timer outlives the test's backend", async () => {
    let knex: Knex | undefined;
    const plugin = createBackendPlugin({
      pluginId: 'uses-database',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            knex = await database.getClient();
            await knex.schema.createTable('t', table => table.string('v'));
            await knex('t').insert({ v: 'kept' });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [plugin, databaseClosedAtStop],
    });
    expect(await knex!('t').select('v')).toEqual([{ v: 'kept' }]);
    await backend.stop();
    // A destroyed pool: no connection, and the reaping interval that held the worker is gone.
    expect(knex!.client.pool).toBeFalsy();
    await expect(knex!('t').select('v')).rejects.toThrow(
      'Unable to acquire a connection',
    );
  });
});
