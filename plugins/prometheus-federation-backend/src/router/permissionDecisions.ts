import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * How long a user's decision on a reused (read) permission is kept. A changed policy or group
 * membership applies to this user's reads within this time.
 */
export const DECISION_REUSE_MS = 5000;
/** Beyond this many kept decisions, the expired ones are dropped (and, if none expired, all). */
export const MAX_KEPT_DECISIONS = 1000;

/**
 * Permission decisions; those asked with `reuse` (the reads) kept DECISION_REUSE_MS per user and
 * permission. With the permission framework enabled, Backstage asks the permission backend over
 * HTTP on every `authorize` of a user (and issues a token for the call); every open page polls
 * the list, so without this each poll would be one such call. Kept only for users: a service's
 * decision is made in process by Backstage. A failed call is not kept. Credentials are still
 * checked on every request, before this.
 */
export class PermissionDecisions {
  private readonly kept = new Map<
    string,
    { at: number; result: Promise<AuthorizeResult> }
  >();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly now: () => number = Date.now,
  ) {}

  async decide(
    permission: BasicPermission,
    credentials: BackstageCredentials,
    reuse: boolean,
  ): Promise<AuthorizeResult> {
    const key = reuse ? keyOf(permission, credentials) : undefined;
    if (!key) return this.ask(permission, credentials);
    const now = this.now();
    const kept = this.kept.get(key);
    if (kept && now - kept.at < DECISION_REUSE_MS) return kept.result;
    const result = this.ask(permission, credentials);
    this.keep(key, { at: now, result });
    result.catch(() => {
      if (this.kept.get(key)?.result === result) this.kept.delete(key);
    });
    return result;
  }

  private async ask(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<AuthorizeResult> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result;
  }

  private keep(
    key: string,
    entry: { at: number; result: Promise<AuthorizeResult> },
  ) {
    if (this.kept.size >= MAX_KEPT_DECISIONS) {
      const now = this.now();
      for (const [k, v] of this.kept)
        if (now - v.at >= DECISION_REUSE_MS) this.kept.delete(k);
      if (this.kept.size >= MAX_KEPT_DECISIONS) this.kept.clear();
    }
    this.kept.set(key, entry);
  }
}

/** The user (and the service acting for them) and the permission; undefined for anyone else. */
function keyOf(
  permission: BasicPermission,
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    actor?: { subject?: string };
  };
  if (principal?.type !== 'user' || !principal.userEntityRef) return undefined;
  return JSON.stringify([
    principal.userEntityRef,
    principal.actor?.subject ?? null,
    permission.name,
  ]);
}
