import {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotifiedStateStore } from './NotifiedStateStore';
import { readNotifyOptions } from './readNotifyOptions';
import { TransitionNotifier } from './TransitionNotifier';

/** The owners' notifier, or undefined when `prometheusFederation.notifications.enabled` is false. */
export async function createNotifier(deps: {
  config: RootConfigService;
  database: DatabaseService;
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  auditor: AuditorService;
}): Promise<TransitionNotifier | undefined> {
  const { enabled, minStateSeconds } = readNotifyOptions(deps.config);
  if (!enabled) return undefined;
  return new TransitionNotifier({
    store: await NotifiedStateStore.create(deps.database),
    notifications: deps.notifications,
    catalog: deps.catalog,
    auth: deps.auth,
    logger: deps.logger,
    auditor: deps.auditor,
    minStateSeconds,
  });
}
