import { buildHttpRoute } from '../editors/httpRoute';
import { buildIngress } from '../editors/ingress';
import type { AddClusterInput } from '../validation/addClusterInput';
import type { RepoReader } from '../workspace/repoReader';
import type { createPlanner } from './planner';
import { findSiblingIngress } from './siblingIngress';

/** What must hold on the Gateway side for an HTTPRoute to serve federation. */
export const GATEWAY_PREREQUISITES = [
  "the Gateway has an HTTPS listener for the host (or `*.<domain>`) whose `allowedRoutes` admit the route's namespace",
  "cert-manager (1.15 or later, Gateway API support enabled) issues the listener's certificate: `cert-manager.io/cluster-issuer` on the Gateway",
  'external-dns runs with the `gateway-httproute` source, so it publishes `hostnames`',
];

/**
 * Plans the leaf's exposure: an HTTPRoute when asked, or when the repository's sibling cluster
 * has one (it follows what the repository already uses), else an Ingress.
 */
export async function planExposure(
  input: AddClusterInput,
  repo: RepoReader,
  paths: { ingress: string; httpRoute: string },
  host: string,
  planner: ReturnType<typeof createPlanner>,
): Promise<'ingress' | 'gateway'> {
  const routeSibling = await findSiblingIngress(
    repo,
    paths.httpRoute,
    input,
  ).catch(() => undefined);
  const exposure =
    (input.exposure as 'ingress' | 'gateway' | undefined) ??
    (routeSibling ? 'gateway' : 'ingress');
  if (exposure === 'gateway') {
    await planner.edit('httpRoute', paths.httpRoute, false, existing => ({
      ...buildHttpRoute(
        {
          cluster: input.cluster,
          host,
          namespace: input.namespace,
          gatewayName: input.gatewayName,
          gatewayNamespace: input.gatewayNamespace,
          sibling: routeSibling,
        },
        existing,
      ),
      notes: GATEWAY_PREREQUISITES.map(p => `must be true: ${p}`),
    }));
    return exposure;
  }
  await planner.edit('ingress', paths.ingress, false, async existing =>
    buildIngress(
      {
        cluster: input.cluster,
        host,
        namespace: input.namespace,
        ingressClassName: input.ingressClassName,
        clusterIssuer: input.clusterIssuer,
        sibling: await findSiblingIngress(repo, paths.ingress, input),
      },
      existing,
    ),
  );
  return exposure;
}
