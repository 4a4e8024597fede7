import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  prometheusFederationReadPermission,
  prometheusFederationRefreshPermission,
} from '@promfed/plugin-prometheus-federation-common';

/**
 * The portal's policy.
 * - Federation status: readable by every signed-in user (on-call must see it).
 * - Asking for an immediate re-collection: only members of the groups in
 *   `permission.prometheusFederation.refreshGroups` (it costs upstream calls).
 * - Everything else keeps Backstage's default of allowing signed-in users.
 */
export class FederationPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly refreshGroups: string[],
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(request.permission, prometheusFederationReadPermission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(request.permission, prometheusFederationRefreshPermission)
    ) {
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      const member = ownershipEntityRefs.some(ref =>
        this.refreshGroups.includes(ref.toLocaleLowerCase('en-US')),
      );
      return { result: member ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** `platform`, `group:platform` and `Group:default/Platform` all name group:default/platform. */
export function groupRef(ref: string): string {
  const withKind = ref.includes(':') ? ref : `group:${ref}`;
  const [kind, rest] = withKind.split(':', 2);
  const full = rest.includes('/') ? rest : `default/${rest}`;
  return `${kind}:${full}`.toLocaleLowerCase('en-US');
}

export const federationPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'federation-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const refreshGroups = (
          config.getOptionalStringArray(
            'permission.prometheusFederation.refreshGroups',
          ) ?? []
        ).map(groupRef);
        policy.setPolicy(
          new FederationPermissionPolicy(refreshGroups, userInfo),
        );
      },
    });
  },
});
