import {
  coreServices,
  createBackendModule,
  DatabaseService,
} from '@backstage/backend-plugin-api';

/** How often the scaffolder's pollers of a task's events read them. */
const POLL_INTERVAL_MS = 1000;

/** The scaffolder's stop waits for its task workers and the tasks they are running. */
export const SCAFFOLDER_TEST_CONFIG = {
  scaffolder: { EXPERIMENTAL_gracefulShutdown: true },
};

/**
 * The scaffolder's task database (Backstage's default in-memory SQLite), closed by `close()` once
 * the test backend has stopped. Backstage's database manager leaves it open at shutdown, and the
 * pool's reaping timer (every second, for ever) keeps the Jest worker from exiting. Not in a
 * shutdown hook: the scaffolder stops its task workers in a root shutdown hook, and those all run
 * at once. And not under its pollers: each claimed task's cancellation watcher reads the task's
 * events once a second until it has seen the completion, and nothing stops it; a read of the
 * closed pool would reject unhandled ('Unable to acquire a connection') into the next test file
 * of the Jest worker. So a read after the close waits for ever instead (a pending promise holds
 * no handle, and the poller ends there), and `close()` returns once the pollers' last one-second
 * sleeps, timers that would keep the worker alive, have run out.
 */
export function scaffolderTaskDatabase() {
  let client: ReturnType<DatabaseService['getClient']> | undefined;
  const module = createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'test-task-database',
    register(env) {
      env.registerInit({
        deps: { database: coreServices.database },
        async init({ database }) {
          // The plugin's database service hands every caller the one client it caches.
          client = database.getClient();
        },
      });
    },
  });
  return {
    module,
    async close() {
      const knex = await client;
      if (!knex) return;
      knex.client.acquireConnection = () => new Promise(() => {});
      await knex.destroy();
      await new Promise(resolve => setTimeout(resolve, POLL_INTERVAL_MS + 100));
    },
  };
}
