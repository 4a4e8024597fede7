import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAddClusterAction } from './actions/addCluster';
import { createFetchFilesAction } from './actions/fetchFiles';
import { createLinkOnboardingAction } from './actions/linkOnboarding';
import { createNarrowClusterAction } from './actions/narrowCluster';
import { createRemoveClusterAction } from './actions/removeCluster';

/** Adds `prometheus-federation:cluster:add`, `:cluster:remove`, `:cluster:narrow`, `:fetch:files` and `:onboarding:link` to the scaffolder. */
export const scaffolderModulePrometheusFederation = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'prometheus-federation',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        reader: coreServices.urlReader,
      },
      async init({ scaffolder, reader }) {
        scaffolder.addActions(
          createAddClusterAction(),
          createRemoveClusterAction(),
          createNarrowClusterAction(),
          createFetchFilesAction({ reader }),
          createLinkOnboardingAction(),
        );
      },
    });
  },
});
