import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { audited } from '../audit/audited';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Pacer } from '../cost/pacer';
import { FederationSnapshot } from '../triage/triageFederation';
import { decideNotification } from './decideNotification';
import { notificationPayload } from './notificationPayload';
import { NotifiedStateStore } from './NotifiedStateStore';
import { recipientEntityRefs } from './recipients';
import { trustedEntityRef } from '../discovery/trustedEntity';

export interface TransitionNotifierOptions {
  store: NotifiedStateStore;
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Each notification sent is audited: cluster, state, recipients, outcome. */
  auditor: AuditorService;
  minStateSeconds: number;
}

/**
 * Tells the owners of a cluster (and of the applications federated from it) when it turns down
 * or degraded, and when it recovers: once per transition across replicas, after the new state
 * held `minStateSeconds`. Runs after every stored snapshot.
 */
export class TransitionNotifier {
  constructor(private readonly options: TransitionNotifierOptions) {}

  async onSnapshot(snapshot: FederationSnapshot): Promise<void> {
    const { store, minStateSeconds, logger } = this.options;
    const told = await store.read(snapshot.clusters.map(c => c.name));
    // Its per-cluster writes (synchronous on SQLite) would hold the event loop for seconds at
    // 1000 clusters: the loop is given back between clusters every 10 ms.
    const pacer = new Pacer(Infinity);
    for (const cluster of snapshot.clusters) {
      if (pacer.due()) await pacer.pause();
      const row = told.get(cluster.name);
      if (!row) continue;
      const applications = Object.entries(
        snapshot.applications?.[cluster.name] ?? {},
      )
        .filter(([, a]) => a.series > 0)
        .map(([name]) => name)
        .sort();
      // A down leaf's series are gone: remember who federates from it while they arrive.
      if (
        applications.length &&
        applications.join() !== row.applications.join()
      ) {
        await store.setApplications(cluster.name, applications);
      }
      const decision = decideNotification(
        row,
        cluster,
        snapshot.generatedAt,
        minStateSeconds,
      );
      if (!decision) continue;
      const claimed = await store.claim(cluster.name, row, {
        state: decision.record,
        since: cluster.stateSince!,
      });
      if (!claimed || !decision.notify) continue;
      try {
        const entityRef = await recipientEntityRefs({
          ...this.options,
          clusterRef: trustedEntityRef(cluster),
          applications: [...new Set([...applications, ...row.applications])],
        });
        await audited(
          this.options.auditor,
          {
            eventId: 'notification-sent',
            meta: {
              actor: 'plugin:prometheus-federation',
              cluster: cluster.name,
              state: cluster.state,
              kind: decision.notify,
              recipients: entityRef,
            },
          },
          () =>
            this.options.notifications.send({
              recipients: { type: 'entity', entityRef },
              payload: notificationPayload(
                cluster,
                decision.notify!,
                row.state,
              ),
            }),
        );
        logger.info(
          `Notified owners of ${entityRef.join(', ')}: ${cluster.name} ${
            decision.notify === 'problem' ? `is ${cluster.state}` : 'recovered'
          }`,
        );
      } catch (error) {
        // Claimed but not sent: at most once, so a broken notifications backend cannot spam.
        logger.warn(
          `Could not notify the owners of ${cluster.name} (${cluster.state}): ${error}`,
        );
      }
    }
  }
}
