import { NotFoundError } from '@backstage/errors';
import { FederationService } from '../service/FederationService';

/** The cluster's detail; a NotFoundError that says where names come from when it is unknown. */
export async function requireCluster(
  service: FederationService,
  cluster: string,
) {
  const detail = await service.detail(cluster);
  if (!detail) {
    throw new NotFoundError(
      `No cluster "${cluster}": it is neither configured nor federated; list-clusters names them`,
    );
  }
  return detail;
}
