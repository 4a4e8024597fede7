import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';

/**
 * The test backend's database (in-memory SQLite, as startTestBackend's default), closed when the
 * backend stops. Backstage's database manager leaves SQLite connections open at shutdown; their
 * pool's reaping timer (every second, for ever) would keep the Jest worker from exiting. It is
 * closed with the root services, after the plugins' shutdown hooks: those run at once, and one
 * of them (the scheduler's) releases its task locks in this database.
 */
export const databaseClosedAtStop = createServiceFactory({
  service: coreServices.database,
  deps: {
    lifecycle: coreServices.lifecycle,
    rootLifecycle: coreServices.rootLifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
  },
  factory({ lifecycle, rootLifecycle, logger, pluginMetadata }) {
    const database = DatabaseManager.fromConfig(
      new ConfigReader({
        backend: {
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
      }),
    ).forPlugin(pluginMetadata.getId(), { lifecycle, logger });
    rootLifecycle.addShutdownHook(async () => {
      await (await database.getClient()).destroy();
    });
    return database;
  },
});
