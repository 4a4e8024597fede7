import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { prometheusFederationReadPermission } from '@promfed/plugin-prometheus-federation-common';

/** The same read permission as the routes: an agent sees no more than its user would. */
export async function authorizeRead(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [{ permission: prometheusFederationReadPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to read federation status (${prometheusFederationReadPermission.name})`,
    );
  }
}
