import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { APPLICATION_ANNOTATION } from '@promfed/plugin-prometheus-federation-common';

/**
 * The entities whose owners hear about a cluster: the one entity the cluster belongs to (named
 * in app-config or accepted by discovery; any other entity carrying the cluster annotation is
 * not told) and the Components of the applications federated from it. The notifications
 * backend resolves each to its owner's users.
 */
export async function recipientEntityRefs(options: {
  catalog: CatalogService;
  auth: AuthService;
  clusterRef?: string;
  applications: string[];
}): Promise<string[]> {
  const { catalog, auth, clusterRef, applications } = options;
  const refs = new Set(clusterRef ? [clusterRef] : []);
  if (applications.length) {
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${APPLICATION_ANNOTATION}`]: applications,
        },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    for (const e of items) refs.add(stringifyEntityRef(e));
  }
  return [...refs].sort();
}
