import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { ClusterStatus } from '@promfed/plugin-prometheus-federation-common';

type NotificationPayload = NotificationSendOptions['payload'];

/** The cluster view of the frontend plugin (its page is mounted at /prometheus-federation). */
export function clusterViewPath(cluster: string): string {
  return `/prometheus-federation/clusters/${encodeURIComponent(cluster)}`;
}

/** What owners read: the headline in the title, the fix in the description, a link to the view. */
export function notificationPayload(
  cluster: ClusterStatus,
  kind: 'problem' | 'recovered',
  previous: string,
): NotificationPayload {
  const since = cluster.stateSince ?? '';
  const base = {
    link: clusterViewPath(cluster.name),
    topic: 'prometheus-federation',
    // Same transition, same scope: a repeated send updates the notification instead of adding one.
    scope: `prometheus-federation:${cluster.name}:${cluster.state}:${since}`,
  };
  if (kind === 'recovered') {
    return {
      ...base,
      title: `${cluster.name} federation recovered: healthy`,
      description: `Prometheus federation of ${cluster.name} into ops Prometheus is healthy again since ${since} (it was ${previous}).`,
      severity: 'normal',
    };
  }
  const headline = cluster.headline?.summary;
  const fix = cluster.remediation?.summary;
  return {
    ...base,
    title: `${cluster.name} federation is ${cluster.state}${
      headline ? `: ${headline}` : ''
    }`,
    description: [
      `Prometheus federation of ${cluster.name} into ops Prometheus is ${cluster.state} since ${since}.`,
      fix ? `Fix: ${fix}` : '',
      'The cluster view has every check, its evidence and remediation.',
    ]
      .filter(Boolean)
      .join(' '),
    severity: cluster.state === 'down' ? 'critical' : 'high',
  };
}
