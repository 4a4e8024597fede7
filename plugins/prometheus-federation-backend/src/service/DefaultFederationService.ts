import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  APPLICATION_ANNOTATION,
  CLUSTER_ANNOTATION,
  ClusterDetail,
  EntityFederation,
  FederationOverview,
  firstCollectionText,
} from '@promfed/plugin-prometheus-federation-common';
import { ClusterSource } from '../discovery/types';
import { FederationOptions } from '../config/options';
import { redact, secretsOf } from '../redact';
import { HistoryStore } from '../store/historyStore';
import { FederationList } from '../store/federationList';
import { SnapshotStore } from '../store/snapshotStore';
import { Read } from '../store/storeRead';
import { applicationFederation } from '../triage/applicationFederation';
import { FederationSnapshot } from '../triage/triageFederation';
import { SnapshotCollector } from '../worker/SnapshotCollector';
import { FederationService } from './FederationService';
import { ageSeconds, collectingOverview, listViewOf } from './overview';
import { collectSnapshot } from './collectSnapshot';
import { CollectionClock } from './collectionClock';
import { CollectionTrigger } from './collectionTrigger';
import { SnapshotListener } from './snapshotListeners';
import {
  isClusterEntity,
  notTheClusterEntity,
} from '../discovery/trustedEntity';

export interface DefaultFederationServiceOptions {
  config: FederationOptions;
  /** Collects and triages: the plugin's runs on a worker thread. */
  collector: SnapshotCollector;
  snapshots: SnapshotStore;
  history: HistoryStore;
  catalog: CatalogService;
  logger: LoggerService;
  /**
   * Asks the scheduler to run the global collection task now, on whichever replica claims it.
   * Without it (tests), this replica collects itself.
   */
  trigger?: () => Promise<void>;
  /** How long a refresh waits for the collection. Default two intervals. */
  waitMs?: number;
  /** After each stored snapshot, in order: the live-update signal, notifications, onboarding. */
  listeners?: SnapshotListener[];
  /** The collection's time limit: the first snapshot's due time until one finished here. */
  collectionLimitMs?: number;
  /** Each refresh's clusters, with discovery; default: app-config's. */
  clusterSource?: ClusterSource;
}

/** Collects, triages and stores snapshots, and answers the routes from the latest one. */
export class DefaultFederationService implements FederationService {
  private readonly config: FederationOptions;
  private readonly collector: SnapshotCollector;
  private readonly snapshots: SnapshotStore;
  private readonly history: HistoryStore;
  private readonly catalog: CatalogService;
  private readonly logger: LoggerService;
  private readonly secrets: string[];
  private readonly trigger?: CollectionTrigger;
  private readonly waitMs: number;
  private readonly listeners: SnapshotListener[];
  private readonly clusterSource?: ClusterSource;
  private readonly clock: CollectionClock;
  /** Aborted by stop(): the running collection ends, no new one starts, a refresh's wait ends. */
  private readonly stopping = new AbortController();
  private inFlight?: Promise<FederationSnapshot>;

  constructor(options: DefaultFederationServiceOptions) {
    this.config = options.config;
    this.collector = options.collector;
    this.snapshots = options.snapshots;
    this.history = options.history;
    this.catalog = options.catalog;
    this.logger = options.logger;
    this.secrets = secretsOf(options.config);
    this.trigger =
      options.trigger &&
      new CollectionTrigger(options.trigger, this.logger, this.stopping.signal);
    this.waitMs =
      options.waitMs ?? options.config.refreshIntervalSeconds * 2 * 1000;
    this.listeners = options.listeners ?? [];
    this.clusterSource = options.clusterSource;
    this.clock = new CollectionClock(options.collectionLimitMs ?? this.waitMs);
  }

  /** At shutdown: abandons the running collection (its upstream calls are aborted) and any later one. */
  stop(): void {
    this.stopping.abort(new ServiceUnavailableError('the backend is stopping'));
    // The collection worker ends, with its reads in flight and its kept-alive sockets.
    this.collector.close();
  }

  /** The scheduled (global) task: collect, keep the history short, and log (never throw) a failure. */
  async collectOnSchedule(signal?: AbortSignal): Promise<void> {
    this.logger.debug('Collecting federation health');
    try {
      await this.collect(signal);
      await this.history.prune();
    } catch (error) {
      if (this.stopping.signal.aborted)
        this.logger.info('Federation collection abandoned: the backend stops');
      else
        this.logger.error(
          `Federation collection failed: ${this.redacted(error)}`,
        );
    }
  }

  async refresh(): Promise<FederationOverview> {
    const current = await this.snapshots.getList();
    // Young enough: every caller within the minimum age gets the same snapshot, for free.
    if (
      current.value &&
      ageSeconds(current.value) < this.config.refresh.minAgeSeconds
    )
      return this.listView(current);
    return this.listView(
      await this.fresh(
        () => this.snapshots.getList(),
        current.value?.generatedAt,
      ),
    );
  }

  async overview(): Promise<FederationOverview> {
    const read = await this.snapshots.getList();
    if (read.value) return this.listView(read);
    // No snapshot and no stored copy: answer at once with when the first one is due.
    if (this.trigger) {
      this.trigger.askForFirst();
      return collectingOverview(
        this.clock.firstCollection(),
        this.config.refreshIntervalSeconds,
      );
    }
    return this.listView(await this.fresh(() => this.snapshots.getList()));
  }

  async listVersion(): Promise<string | undefined> {
    const read = await this.snapshots.getListVersion();
    // Degraded: the answer's warning carries the age, so it changes without a new snapshot.
    return read.problem ? undefined : read.value;
  }

  async detail(name: string): Promise<ClusterDetail | undefined> {
    const snapshot = await this.latest();
    const cluster = snapshot.clusters.find(c => c.name === name);
    if (!cluster) return undefined;
    let history = cluster.history;
    try {
      history = await this.history.history(name);
    } catch (error) {
      this.logger.warn(
        `Could not read federation history of ${name}: ${this.redacted(error)}`,
      );
    }
    return {
      generatedAt: snapshot.generatedAt,
      ageSeconds: ageSeconds(snapshot),
      refreshIntervalSeconds: this.config.refreshIntervalSeconds,
      opsPrometheus: snapshot.opsPrometheus,
      cluster: { ...cluster, history },
    };
  }

  async entity(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ): Promise<EntityFederation> {
    // Read with the caller's credentials: the catalog applies its own permissions.
    const entity = await this.catalog.getEntityByRef(entityRef, options);
    if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
    const annotations = entity.metadata.annotations ?? {};

    const clusterName = annotations[CLUSTER_ANNOTATION];
    if (clusterName) {
      const detail = await this.detail(clusterName);
      if (!detail)
        throw new NotFoundError(
          `Cluster "${clusterName}" of ${entityRef} is neither configured nor federated`,
        );
      // Only the cluster's own entity shows its health; an annotation alone claims nothing.
      if (!isClusterEntity(entityRef, detail.cluster))
        throw new NotFoundError(
          notTheClusterEntity(
            entityRef,
            detail.cluster,
            (await this.latest()).warnings,
          ),
        );
      return {
        kind: 'cluster',
        generatedAt: detail.generatedAt,
        ageSeconds: detail.ageSeconds,
        cluster: detail.cluster,
      };
    }
    const application = annotations[APPLICATION_ANNOTATION];
    if (application) {
      const snapshot = await this.latest();
      return {
        kind: 'application',
        generatedAt: snapshot.generatedAt,
        ageSeconds: ageSeconds(snapshot),
        application: applicationFederation(snapshot, application, this.config),
      };
    }
    throw new NotFoundError(
      `${entityRef} has neither the ${CLUSTER_ANNOTATION} nor the ${APPLICATION_ANNOTATION} annotation`,
    );
  }

  private listView(read: Read<FederationList>): FederationOverview {
    return listViewOf(read, this.config.refreshIntervalSeconds);
  }

  /**
   * A snapshot newer than `than`: asks the global task to collect and waits for it in the shared
   * cache, so that one replica collects however many ask. Without a scheduler, collects here.
   */
  private async fresh<T extends { generatedAt: string }>(
    read: () => Promise<Read<T>>,
    than?: string,
  ): Promise<Read<T>> {
    if (!this.trigger) {
      await this.collect();
      return read();
    }
    const found = await this.trigger.askUntil(this.waitMs, async () => {
      const r = await read();
      return r.value && (!than || r.value.generatedAt > than) ? r : undefined;
    });
    if (found) return found;
    const last = await read();
    if (last.value)
      return {
        ...last,
        problem: last.problem ?? 'no newer snapshot was collected in time',
      };
    throw new ServiceUnavailableError(
      'No federation snapshot yet: the first collection has not finished; try again shortly',
    );
  }

  /** Collects now; concurrent callers share one collection. */
  private collect(signal?: AbortSignal): Promise<FederationSnapshot> {
    if (!this.inFlight) {
      this.clock.started();
      this.inFlight = this.collectOnce(signal).finally(() => {
        this.clock.finished();
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private collectOnce(signal?: AbortSignal): Promise<FederationSnapshot> {
    const stopping = this.stopping.signal;
    return collectSnapshot({
      config: this.config,
      collector: this.collector,
      snapshots: this.snapshots,
      history: this.history,
      logger: this.logger,
      redacted: e => this.redacted(e),
      signal: signal ? AbortSignal.any([signal, stopping]) : stopping,
      listeners: this.listeners,
      clusterSource: this.clusterSource,
    });
  }

  /**
   * The latest snapshot. On a cold start (no snapshot, no stored copy) it asks for the first
   * collection and answers 503 at once with its due time, rather than holding the request.
   */
  private async latest(): Promise<FederationSnapshot> {
    const read = await this.snapshots.get();
    if (read.value) return read.value;
    if (this.trigger) {
      this.trigger.askForFirst();
      throw new ServiceUnavailableError(
        firstCollectionText(this.clock.firstCollection()),
      );
    }
    return (await this.fresh(() => this.snapshots.get())).value!;
  }

  private redacted(error: unknown): string {
    return redact(String(error), this.secrets);
  }
}
