import { NotFoundError } from '@backstage/errors';
import { FederationService } from '../service/FederationService';

/** Throws a NotFoundError that says where names come from, unless the cluster is known. */
export async function requireCluster(
  service: FederationService,
  cluster: string,
): Promise<void> {
  if (!(await service.detail(cluster))) {
    throw new NotFoundError(
      `No cluster "${cluster}": it is neither configured nor federated; list-clusters names them`,
    );
  }
}
