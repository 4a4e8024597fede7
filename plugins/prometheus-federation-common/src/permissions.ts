import { createPermission } from '@backstage/plugin-permission-common';

/** Read federation status: the page, cluster view and entity cards. */
export const prometheusFederationReadPermission = createPermission({
  name: 'prometheus-federation.status.read',
  attributes: { action: 'read' },
});

/** Ask the backend for a fresh collection now, instead of waiting for the schedule. */
export const prometheusFederationRefreshPermission = createPermission({
  name: 'prometheus-federation.status.refresh',
  attributes: { action: 'update' },
});

export const prometheusFederationPermissions = [
  prometheusFederationReadPermission,
  prometheusFederationRefreshPermission,
];
