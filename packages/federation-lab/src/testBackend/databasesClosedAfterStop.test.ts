import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import {
  databasesClosedAfterStop,
  SCAFFOLDER_TEST_CONFIG,
} from './databasesClosedAfterStop';

const slowTemplate = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'slow', namespace: 'default' },
  spec: { type: 'test', steps: [{ id: 'slow', action: 'test:slow' }] },
};

describe('databasesClosedAfterStop', () => {
  it("closes each plugin's database after the backend's stop, which waited for a running scaffolder task's completion, and a read after the close waits instead of failing", async () => {
    const databases = databasesClosedAfterStop('scaffolder', 'other');
    let otherKnex: Awaited<ReturnType<DatabaseService['getClient']>>;
    const other = createBackendPlugin({
      pluginId: 'other',
      register(env) {
        env.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            otherKnex = await database.getClient();
          },
        });
      },
    });
    let knex: Awaited<ReturnType<DatabaseService['getClient']>> | undefined;
    const written: unknown[] = [];
    let actionStarted: () => void;
    const started = new Promise<void>(resolve => (actionStarted = resolve));
    // The scaffolder's own client (the plugin's database service caches it), and a slow action.
    const probe = createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'probe',
      register(env) {
        env.registerInit({
          deps: {
            database: coreServices.database,
            actions: scaffolderActionsExtensionPoint,
          },
          async init({ database, actions }) {
            knex = await database.getClient();
            knex.on('query-response', (_response, query) =>
              written.push(...(query.bindings ?? [])),
            );
            actions.addActions(
              createTemplateAction({
                id: 'test:slow',
                async handler() {
                  actionStarted();
                  await new Promise(resolve => setTimeout(resolve, 300));
                },
              }),
            );
          },
        });
      },
    });
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        other,
        ...databases.modules,
        probe,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: [slowTemplate] }),
        }),
        mockServices.rootConfig.factory({ data: SCAFFOLDER_TEST_CONFIG }),
      ],
    });
    const port = (backend.server.address() as any).port;
    const created = await fetch(
      `http://127.0.0.1:${port}/api/scaffolder/v2/tasks`,
      {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.user.header(),
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          templateRef: 'template:default/slow',
          values: {},
        }),
      },
    );
    expect(created.status).toBe(201);
    await started;

    await backend.stop();
    await databases.close();
    // The task finished under the stop and its completion reached the database...
    expect(written).toContain('completed');
    // ...which is closed, as the other plugin's: the reaping intervals that held the worker are gone.
    expect(knex!.client.pool).toBeFalsy();
    expect(otherKnex!.client.pool).toBeFalsy();
    // The task's cancellation watcher read once more after the close, during close()'s wait for
    // its last sleep: that read waits instead of rejecting unhandled (which fails this test).
    const late = await Promise.race([
      knex!.select(1),
      new Promise(resolve => setTimeout(resolve, 100, 'waiting')),
    ]);
    expect(late).toBe('waiting');
  });
});
