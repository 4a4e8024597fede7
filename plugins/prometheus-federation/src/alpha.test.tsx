import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { downCluster, healthyCluster } from './__fixtures__/clusters';
import { makeOverview } from './__fixtures__/overviews';
import { applicationEntity, clusterEntity } from './__fixtures__/entities';
import { BASE_URL, testApis } from './__testUtils__/testApis';
import plugin from './alpha';

const server = setupServer();
registerMswTestHooks(server);

describe('new frontend system plugin', () => {
  it('mounts the status page at /prometheus-federation with a sidebar title', async () => {
    server.use(
      http.get(`${BASE_URL}/clusters`, () =>
        HttpResponse.json(
          makeOverview([healthyCluster('blue'), downCluster('green')]),
        ),
      ),
    );
    const tester = createExtensionTester(
      plugin.getExtension('page:prometheus-federation'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/prometheus-federation',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Federation');

    renderInTestApp(tester.reactElement(), { apis: testApis() as any });
    expect(await screen.findByTestId('cluster-row-green')).toBeInTheDocument();
  });

  it('adds the Federation tab to annotated cluster Resources only', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:prometheus-federation'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Federation',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('federation');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(clusterEntity)).toBe(true);
    expect(filter(applicationEntity)).toBe(false);
  });

  it('shows each card on the entities it is meant for', () => {
    const clusterCard = createExtensionTester(
      plugin.getExtension('entity-card:prometheus-federation/cluster'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction)!;
    const applicationCard = createExtensionTester(
      plugin.getExtension('entity-card:prometheus-federation/application'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect([
      clusterCard(clusterEntity),
      clusterCard(applicationEntity),
    ]).toEqual([true, false]);
    expect([
      applicationCard(clusterEntity),
      applicationCard(applicationEntity),
    ]).toEqual([false, true]);
  });
});
