import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who spends a per-user budget: the signed-in user, or the calling service. */
export function principalOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return p.userEntityRef ?? p.subject ?? 'unknown';
}
