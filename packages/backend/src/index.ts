import { createBackend } from '@backstage/backend-defaults';
import { assertConfigVariables } from './configVariables';
import { federationPermissionPolicyModule } from './permissionPolicy';
import { closingRootHttpRouter } from './shutdown/closingHttpServer';
import { exitAfterStopBudget } from './shutdown/exitBackstop';
import { startOrExit } from './shutdown/startOrExit';

// A production start names every variable its config needs and lacks, instead of starting
// with empty values.
assertConfigVariables(process.argv, process.env);

const backend = createBackend();

// A replica told to stop stops within seconds (packages/backend/README.md, Production): open
// requests end after a short grace, and a stop that still hangs is cut off.
backend.add(closingRootHttpRouter);
exitAfterStopBudget();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in for local use only (app-config.yaml); production config replaces it.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Scaffolder, with the publishers the "Add cluster to federation" template uses
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@promfed/plugin-scaffolder-backend-module-prometheus-federation'),
);

// Permissions, with this portal's policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(federationPermissionPolicyModule);

// Events: carry signals and notifications between replicas
backend.add(import('@backstage/plugin-events-backend'));

// Signals: pushes updates to the frontend (the user-settings storage API needs it)
backend.add(import('@backstage/plugin-signals-backend'));

// Search (in-memory engine locally)
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Notifications: owners hear of federation state changes (the frontend shows them)
backend.add(import('@backstage/plugin-notifications-backend'));

// MCP: registered actions (backend.actions.pluginSources) as tools at /api/mcp-actions/v1
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Prometheus federation health
backend.add(import('@promfed/plugin-prometheus-federation-backend'));

// A start that fails exits non-zero with the reason, instead of staying up, never ready.
startOrExit(backend);
