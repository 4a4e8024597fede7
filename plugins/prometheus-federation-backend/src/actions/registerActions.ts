import { registerApplicationClustersAction } from './applicationClustersAction';
import { registerDiagnoseClusterAction } from './diagnoseClusterAction';
import { registerFederationCostAction } from './federationCostAction';
import { registerFederationProofAction } from './federationProofAction';
import { CostService } from '../service/CostService';
import { registerListClustersAction } from './listClustersAction';
import { ActionDeps } from './types';
import { auditedRegistry } from '../audit/auditedRegistry';

/**
 * The plugin's actions in the Actions Registry (MCP tools through mcp-actions-backend). All
 * read-only; every call is audited. The cost tool needs a configured plugin (it reads ops Prometheus and Grafana).
 */
export function registerActions(
  all: ActionDeps & { cost?: Pick<CostService, 'cost' | 'proof'> },
): void {
  const deps = { ...all, registry: auditedRegistry(all.registry, all.auditor) };
  registerListClustersAction(deps);
  registerDiagnoseClusterAction(deps);
  registerApplicationClustersAction(deps);
  const { cost } = deps;
  if (cost) {
    registerFederationCostAction({ ...deps, cost });
    registerFederationProofAction({ ...deps, cost });
  }
}
