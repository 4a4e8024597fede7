import {
  BackendFeature,
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

/** A test backend's plugin databases and how to close them once it has stopped. */
export interface DatabasesClosedAfterStop {
  /** One module per plugin, added to the test backend's features. */
  modules: BackendFeature[];
  /** Closes the plugins' databases; call it once the test backend has stopped. */
  close(): Promise<void>;
}

/**
 * The databases of the given plugins (Backstage's default in-memory SQLite in a test backend),
 * closed by `close()` once the test backend has stopped. Backstage's database manager leaves them
 * open at shutdown, and each pool's reaping timer (every second, for ever) keeps the Jest worker
 * from exiting. Not in a shutdown hook: the scaffolder stops its task workers in a root shutdown
 * hook, and those all run at once. And not under the plugins' pollers: each claimed scaffolder
 * task's cancellation watcher reads the task's events once a second until it has seen the
 * completion, and nothing stops it; the catalog's processing and stitching loops, stopped at
 * shutdown, may still have a read in flight. A read of a closed pool would reject ('Unable to
 * acquire a connection'), unhandled into the next test file of the Jest worker. So a read after
 * the close waits for ever instead (a pending promise holds no handle, and the poller ends there),
 * and `close()` returns once the pollers' last one-second sleeps, timers that would keep the worker
 * alive, have run out.
 */
export function databasesClosedAfterStop(
  ...pluginIds: string[]
): DatabasesClosedAfterStop {
  const clients: Array<ReturnType<DatabaseService['getClient']>> = [];
  const modules = pluginIds.map(pluginId =>
    createBackendModule({
      pluginId,
      moduleId: 'test-database-closed-after-stop',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            // The plugin's database service hands every caller the one client it caches.
            clients.push(database.getClient());
          },
        });
      },
    }),
  );
  return {
    modules,
    async close() {
      if (!clients.length) return;
      for (const knex of await Promise.all(clients.splice(0))) {
        knex.client.acquireConnection = () => new Promise(() => {});
        await knex.destroy();
      }
      await new Promise(resolve => setTimeout(resolve, POLL_INTERVAL_MS + 100));
    },
  };
}
