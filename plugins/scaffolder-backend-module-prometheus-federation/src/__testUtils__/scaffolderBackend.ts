import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import gitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import {
  databasesClosedAfterStop,
  SCAFFOLDER_TEST_CONFIG,
} from '@promfed/federation-lab';
import federationModule from '../index';

const TEMPLATES = [
  'add-cluster-to-federation',
  'remove-cluster-from-federation',
  'narrow-cluster-federation',
];

function template(name: string) {
  const parsed = yaml.parse(
    fs.readFileSync(
      path.resolve(__dirname, `../../../../templates/${name}/template.yaml`),
      'utf8',
    ),
  );
  parsed.metadata.namespace = 'default';
  return parsed;
}

export interface ScaffolderBackend {
  /** Runs a template as a task through the scaffolder's API; the output of its completion. */
  runTemplate(
    templateRef: string,
    values: Record<string, unknown>,
    secrets?: Record<string, string>,
  ): Promise<any>;
  /** The URLs catalog:register stored. */
  locations: string[];
}

/** Each stop of a backend started in this test file, run after the file. */
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(stops.splice(0).map(stop => stop()));
});

/**
 * The real scaffolder with the GitHub and GitLab publishers and this module, the project's
 * templates in a catalog stand-in, and GitHub on the loopback API at `apiBaseUrl`. Stopped after
 * the test file; its task database is closed once the stop has waited for its task workers.
 */
export async function startScaffolderBackend(
  apiBaseUrl: string,
): Promise<ScaffolderBackend> {
  const catalog = catalogServiceMock({ entities: TEMPLATES.map(template) });
  const locations: string[] = [];
  // catalog:register's dry run finds no file on main before the merge, as the real catalog.
  catalog.addLocation = async location => {
    if (location.dryRun)
      throw new NotFoundError(`${location.target} not found`);
    locations.push(location.target);
    return {
      location: {
        id: String(locations.length),
        type: 'url',
        target: location.target,
        entityRef: `location:default/generated-${locations.length}`,
      },
      entities: [],
    };
  };
  const databases = databasesClosedAfterStop('scaffolder');
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      gitlabModule,
      federationModule,
      ...databases.modules,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      mockServices.rootConfig.factory({
        data: {
          ...SCAFFOLDER_TEST_CONFIG,
          integrations: {
            github: [
              {
                host: 'github.com',
                apiBaseUrl,
                rawBaseUrl: apiBaseUrl,
                token: 'loopback-test-token',
              },
            ],
          },
        },
      }),
    ],
  });
  stops.push(async () => {
    await backend.stop();
    await databases.close();
  });
  const base = `http://127.0.0.1:${
    (backend.server.address() as any).port
  }/api/scaffolder`;
  const auth = { Authorization: mockCredentials.user.header() };
  const events = async (id: string) =>
    (await fetch(`${base}/v2/tasks/${id}/events`, { headers: auth })).json();

  async function runTemplate(
    templateRef: string,
    values: Record<string, unknown>,
    secrets?: Record<string, string>,
  ) {
    const created = await fetch(`${base}/v2/tasks`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ templateRef, values, secrets }),
    });
    if (created.status !== 201)
      throw new Error(
        `Task not created: ${created.status} ${await created.text()}`,
      );
    const { id } = await created.json();
    for (let i = 0; i < 600; i++) {
      const task = await (
        await fetch(`${base}/v2/tasks/${id}`, { headers: auth })
      ).json();
      // The template's output travels in the completion event.
      if (task.status === 'completed')
        return (await events(id)).find((e: any) => e.type === 'completion').body
          .output;
      if (task.status === 'failed' || task.status === 'cancelled') {
        const messages = (await events(id)).map((e: any) => e.body?.message);
        throw new Error(`Task ${task.status}:\n${messages.join('\n')}`);
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error('Task did not finish in 60 s');
  }

  return { runTemplate, locations };
}
