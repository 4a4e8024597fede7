import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ApplicationFederation,
  CLUSTER_STATES,
  ClusterDetail,
  ClusterState,
  FederationOverview,
} from '@internal/plugin-prometheus-federation-common';
import { FactsCollector } from '../collectors/collectFacts';
import { redact } from '../collectors/sourced';
import { FederationOptions } from '../config/options';
import { HistoryStore } from '../store/historyStore';
import {
  FederationList,
  SnapshotStore,
  summaryOf,
} from '../store/snapshotStore';
import { dashboardLinks } from '../triage/links';
import { isStale } from '../triage/metricsCheck';
import {
  FederationSnapshot,
  triageFederation,
} from '../triage/triageFederation';

function counts(snapshot: FederationList): Record<ClusterState, number> {
  const out = Object.fromEntries(CLUSTER_STATES.map(s => [s, 0])) as Record<
    ClusterState,
    number
  >;
  for (const c of snapshot.clusters) out[c.state] += 1;
  return out;
}

/** Collects, triages and stores snapshots, and answers the routes from the latest one. */
export class FederationService {
  private inFlight?: Promise<FederationSnapshot>;

  constructor(
    private readonly options: FederationOptions,
    private readonly collector: FactsCollector,
    private readonly snapshots: SnapshotStore,
    private readonly history: HistoryStore,
    private readonly logger: LoggerService,
  ) {}

  /** Collects now; concurrent callers share one collection. */
  refresh(): Promise<FederationSnapshot> {
    if (!this.inFlight) {
      this.inFlight = this.collect().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async collect(): Promise<FederationSnapshot> {
    const started = Date.now();
    const facts = await this.collector.collect();
    const snapshot = triageFederation(facts, this.options);
    try {
      const since = await this.history.record(
        snapshot.clusters,
        snapshot.generatedAt,
      );
      for (const c of snapshot.clusters) c.stateSince = since[c.name];
    } catch (error) {
      this.logger.warn(
        `Could not record federation state history: ${redact(
          String(error),
          this.collector.secretValues,
        )}`,
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
  async latest(): Promise<FederationSnapshot> {
    return (await this.snapshots.get()) ?? this.refresh();
  }

  private age(snapshot: FederationList): number {
    return Math.max(
      0,
      Math.round((Date.now() - Date.parse(snapshot.generatedAt)) / 1000),
    );
  }

  overviewOf(snapshot: FederationList): FederationOverview {
    return {
      generatedAt: snapshot.generatedAt,
      ageSeconds: this.age(snapshot),
      refreshIntervalSeconds: this.options.refreshIntervalSeconds,
      opsPrometheus: snapshot.opsPrometheus,
      counts: counts(snapshot),
      // The list carries summaries only; checks and history are in the cluster detail.
      clusters: snapshot.clusters.map(summaryOf),
      warnings: snapshot.warnings,
    };
  }

  async overview(): Promise<FederationOverview> {
    return this.overviewOf(
      (await this.snapshots.getList()) ?? (await this.refresh()),
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
        `Could not read federation history of ${name}: ${redact(
          String(error),
          this.collector.secretValues,
        )}`,
      );
    }
    return {
      generatedAt: snapshot.generatedAt,
      ageSeconds: this.age(snapshot),
      refreshIntervalSeconds: this.options.refreshIntervalSeconds,
      opsPrometheus: snapshot.opsPrometheus,
      cluster: { ...cluster, history },
    };
  }

  /** Whether one application's http series arrive from each cluster. */
  async application(application: string): Promise<{
    snapshot: FederationSnapshot;
    application: ApplicationFederation;
  }> {
    const snapshot = await this.latest();
    const series = snapshot.applications ?? {};
    const now = Date.parse(snapshot.generatedAt) / 1000;
    return {
      snapshot,
      application: {
        application,
        clusters: snapshot.clusters.map(c => {
          const found = series[c.name]?.[application];
          const age =
            found?.newestSample !== undefined
              ? Math.max(0, Math.round(now - found.newestSample))
              : undefined;
          const stale =
            age !== undefined && isStale(age, c.target?.scrapeIntervalSeconds);
          return {
            cluster: c.name,
            clusterState: c.state,
            arriving: !!found && found.series > 0 && !stale,
            httpSeries: found?.series ?? 0,
            newestSampleAgeSeconds: age,
            dashboards: dashboardLinks(this.options, c.name, application),
          };
        }),
      },
    };
  }
}
