import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  APPLICATION_ANNOTATION,
  CLUSTER_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';

/**
 * The entities whose owners hear about a cluster: its Resource (annotated, or named in the
 * config) and the Components of the applications federated from it. The notifications backend
 * resolves each to its owner's users.
 */
export async function recipientEntityRefs(options: {
  catalog: CatalogService;
  auth: AuthService;
  cluster: string;
  configuredRef?: string;
  applications: string[];
}): Promise<string[]> {
  const { catalog, auth, cluster, configuredRef, applications } = options;
  const filter: Record<string, string | string[]>[] = [
    { [`metadata.annotations.${CLUSTER_ANNOTATION}`]: cluster },
    ...(applications.length
      ? [
          {
            kind: 'Component',
            [`metadata.annotations.${APPLICATION_ANNOTATION}`]: applications,
          },
        ]
      : []),
  ];
  const { items } = await catalog.getEntities(
    { filter, fields: ['kind', 'metadata.name', 'metadata.namespace'] },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const refs = new Set(items.map(e => stringifyEntityRef(e)));
  if (configuredRef) refs.add(configuredRef);
  return [...refs].sort();
}
