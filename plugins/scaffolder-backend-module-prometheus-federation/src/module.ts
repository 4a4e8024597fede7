import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createAddClusterAction } from './actions/addCluster';

/** Adds `prometheus-federation:cluster:add` to the scaffolder. */
export const scaffolderModulePrometheusFederation = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'prometheus-federation',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createAddClusterAction());
      },
    });
  },
});
