import { registerApplicationClustersAction } from './applicationClustersAction';
import { registerDiagnoseClusterAction } from './diagnoseClusterAction';
import { registerListClustersAction } from './listClustersAction';
import { ActionDeps } from './types';

/**
 * The plugin's actions in the Actions Registry (MCP tools through mcp-actions-backend). All
 * read-only. The cost and narrowing proposal joins them once the backend computes it.
 */
export function registerActions(deps: ActionDeps): void {
  registerListClustersAction(deps);
  registerDiagnoseClusterAction(deps);
  registerApplicationClustersAction(deps);
}
