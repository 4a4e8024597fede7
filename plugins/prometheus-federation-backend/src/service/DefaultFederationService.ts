import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  APPLICATION_ANNOTATION,
  CLUSTER_ANNOTATION,
  ClusterDetail,
  EntityFederation,
  FederationOverview,
} from '@internal/plugin-prometheus-federation-common';
import { FactsCollector } from '../collectors/collectFacts';
import { FederationOptions } from '../config/options';
import { redact, secretsOf } from '../redact';
import { HistoryStore } from '../store/historyStore';
import { SnapshotStore } from '../store/snapshotStore';
import { applicationFederation } from '../triage/applicationFederation';
import {
  FederationSnapshot,
  triageFederation,
} from '../triage/triageFederation';
import { FederationService } from './FederationService';
import { ageSeconds, overviewOf } from './overview';

export interface DefaultFederationServiceOptions {
  config: FederationOptions;
  collector: FactsCollector;
  snapshots: SnapshotStore;
  history: HistoryStore;
  catalog: CatalogService;
  logger: LoggerService;
}

/** Collects, triages and stores snapshots, and answers the routes from the latest one. */
export class DefaultFederationService implements FederationService {
  private readonly config: FederationOptions;
  private readonly collector: FactsCollector;
  private readonly snapshots: SnapshotStore;
  private readonly history: HistoryStore;
  private readonly catalog: CatalogService;
  private readonly logger: LoggerService;
  private readonly secrets: string[];
  private inFlight?: Promise<FederationSnapshot>;

  constructor(options: DefaultFederationServiceOptions) {
    this.config = options.config;
    this.collector = options.collector;
    this.snapshots = options.snapshots;
    this.history = options.history;
    this.catalog = options.catalog;
    this.logger = options.logger;
    this.secrets = secretsOf(options.config);
  }

  /** The scheduled task: collect, keep the history short, and log (never throw) a failure. */
  async collectOnSchedule(): Promise<void> {
    try {
      await this.collect();
      await this.history.prune();
    } catch (error) {
      this.logger.error(
        `Federation collection failed: ${this.redacted(error)}`,
      );
    }
  }

  async refresh(): Promise<FederationOverview> {
    return overviewOf(await this.collect(), this.config.refreshIntervalSeconds);
  }

  async overview(): Promise<FederationOverview> {
    return overviewOf(
      (await this.snapshots.getList()) ?? (await this.collect()),
      this.config.refreshIntervalSeconds,
    );
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

  /** Collects now; concurrent callers share one collection. */
  private collect(): Promise<FederationSnapshot> {
    if (!this.inFlight) {
      this.inFlight = this.collectOnce().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async collectOnce(): Promise<FederationSnapshot> {
    const started = Date.now();
    const facts = await this.collector.collect();
    const snapshot = triageFederation(facts, this.config);
    try {
      const since = await this.history.record(
        snapshot.clusters,
        snapshot.generatedAt,
      );
      for (const c of snapshot.clusters) c.stateSince = since[c.name];
    } catch (error) {
      this.logger.warn(
        `Could not record federation state history: ${this.redacted(error)}`,
      );
    }
    await this.snapshots.set(snapshot);
    const unhealthy = snapshot.clusters
      .filter(c => c.state !== 'healthy')
      .map(c => `${c.name}=${c.state}`);
    this.logger.debug(
      `Federation snapshot of ${snapshot.clusters.length} clusters in ${
        Date.now() - started
      } ms${unhealthy.length ? `; ${unhealthy.join(', ')}` : ''}`,
    );
    return snapshot;
  }

  /** The latest snapshot, or a fresh one when there is none yet (cold start). */
  private async latest(): Promise<FederationSnapshot> {
    return (await this.snapshots.get()) ?? this.collect();
  }

  private redacted(error: unknown): string {
    return redact(String(error), this.secrets);
  }
}
