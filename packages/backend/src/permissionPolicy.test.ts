import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  prometheusFederationReadPermission,
  prometheusFederationRefreshPermission,
} from '@internal/plugin-prometheus-federation-common';
import { FederationPermissionPolicy } from './permissionPolicy';

function userWith(ownershipEntityRefs: string[]) {
  return {
    token: 'not-used',
    identity: {
      type: 'user' as const,
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
  };
}

describe('FederationPermissionPolicy', () => {
  const policy = new FederationPermissionPolicy(['group:default/platform']);

  it('lets any signed-in user, the local guest included, read federation status', async () => {
    const guest = userWith(['user:default/guest']);
    await expect(
      policy.handle({ permission: prometheusFederationReadPermission }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets only members of the refresh groups ask for a re-collection', async () => {
    const member = userWith(['user:default/ada', 'group:default/platform']);
    const other = userWith(['user:default/bob', 'group:default/apps']);
    const request = { permission: prometheusFederationRefreshPermission };
    await expect(policy.handle(request, member)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(policy.handle(request, other)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies requests without a user and leaves other plugins allowed', async () => {
    await expect(
      policy.handle({ permission: prometheusFederationReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      policy.handle(
        { permission: catalogEntityReadPermission },
        userWith(['user:default/bob']),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});
