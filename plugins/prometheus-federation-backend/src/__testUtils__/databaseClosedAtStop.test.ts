import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { databaseClosedAtStop } from './databaseClosedAtStop';

describe('databaseClosedAtStop', () => {
  it("gives a plugin an in-memory database and closes it when the backend stops, after the plugin's own shutdown hooks: no pool timer outlives the test's backend", async () => {
    let knex: Knex | undefined;
    let atStop = 'not run';
    const plugin = createBackendPlugin({
      pluginId: 'uses-database',
      register(env) {
        env.registerInit({
          deps: {
            database: coreServices.database,
            lifecycle: coreServices.lifecycle,
          },
          async init({ database, lifecycle }) {
            knex = await database.getClient();
            await knex.schema.createTable('t', table => table.string('v'));
            await knex('t').insert({ v: 'kept' });
            // Plugin shutdown hooks run at once: this one writes a moment into the stop, as the
            // scheduler releases its task locks.
            lifecycle.addShutdownHook(async () => {
              await new Promise(resolve => setTimeout(resolve, 50));
              atStop = await knex!('t')
                .insert({ v: 'at stop' })
                .then(() => 'written', String);
            });
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [plugin, databaseClosedAtStop],
    });
    expect(await knex!('t').select('v')).toEqual([{ v: 'kept' }]);
    await backend.stop();
    expect(atStop).toBe('written');
    // A destroyed pool: no connection, and the reaping interval that held the worker is gone.
    expect(knex!.client.pool).toBeFalsy();
    await expect(knex!('t').select('v')).rejects.toThrow(
      'Unable to acquire a connection',
    );
  });
});
