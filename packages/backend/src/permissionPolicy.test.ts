import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  prometheusFederationReadPermission,
  prometheusFederationRefreshPermission,
} from '@promfed/plugin-prometheus-federation-common';
import { FederationPermissionPolicy, groupRef } from './permissionPolicy';

// Ownership as the catalog would resolve it at sign-in.
const ownership: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/platform'],
  'user:default/bob': ['user:default/bob', 'group:default/learning'],
  'user:default/guest': ['user:default/guest', 'group:default/platform'],
};

const userInfo = {
  async getUserInfo(credentials: any) {
    const userEntityRef = credentials.principal.userEntityRef;
    return { userEntityRef, ownershipEntityRefs: ownership[userEntityRef] };
  },
};

function user(userEntityRef: string) {
  const credentials = mockCredentials.user(userEntityRef);
  return {
    credentials,
    info: { userEntityRef, ownershipEntityRefs: ownership[userEntityRef] },
  };
}

describe('FederationPermissionPolicy', () => {
  const policy = new FederationPermissionPolicy(
    ['group:default/platform'],
    userInfo,
  );

  it('lets any signed-in user, the local guest included, read federation status', async () => {
    for (const ref of ['user:default/guest', 'user:default/bob']) {
      await expect(
        policy.handle(
          { permission: prometheusFederationReadPermission },
          user(ref),
        ),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets only members of the refresh groups ask for a re-collection', async () => {
    const request = { permission: prometheusFederationRefreshPermission };
    await expect(
      policy.handle(request, user('user:default/ada')),
    ).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(
      policy.handle(request, user('user:default/bob')),
    ).resolves.toEqual({
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
        user('user:default/bob'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('groupRef', () => {
  it('reads the short forms an admin may write in config as full group refs', () => {
    expect(groupRef('platform')).toBe('group:default/platform');
    expect(groupRef('group:platform')).toBe('group:default/platform');
    expect(groupRef('Group:default/Platform')).toBe('group:default/platform');
    expect(groupRef('group:ops/sre')).toBe('group:ops/sre');
  });
});
