import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_ANNOTATION,
  ClusterOnboarding,
  ClusterStatus,
  ONBOARDING_PR_ANNOTATION,
  OnboardingOverview,
  RETIRING_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';
import { PullRequestCollector } from '../collectors/pullRequests';
import { goneSources, sourceGone } from '../onboarding/goneSources';
import { CatalogCluster, nextLifecycle } from '../onboarding/lifecycle';
import { trackOnboarding } from '../onboarding/trackOnboarding';
import { LifecycleRow, LifecycleStore } from '../store/lifecycleStore';
import { FederationSnapshot } from '../triage/triageFederation';

export interface OnboardingServiceOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: LifecycleStore;
  pullRequests: PullRequestCollector;
  stuckAfterMinutes: number;
  logger: LoggerService;
  /** The cluster in the latest snapshot, with its checks. */
  status: (cluster: string) => Promise<ClusterStatus | undefined>;
  /** For tests: the clock. */
  now?: () => Date;
}

/**
 * Onboarding and retiring clusters: after each stored snapshot, reads the annotated cluster
 * entities and the open pull requests, moves each cluster's phase and records first passes;
 * on request, the timeline of each. The decisions are the pure functions of onboarding/.
 */
export class OnboardingService {
  constructor(private readonly options: OnboardingServiceOptions) {}

  private now() {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private async catalogClusters(): Promise<Map<string, CatalogCluster>> {
    const { catalog, auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const [{ items }, { items: locations }] = await Promise.all([
      // Cluster Resources; the annotation is checked here (no catalog-client for "exists").
      catalog.getEntities(
        {
          filter: { kind: 'Resource' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        },
        { credentials },
      ),
      catalog.getEntities(
        {
          filter: { kind: 'Location' },
          fields: ['spec.type', 'spec.target', 'status'],
        },
        { credentials },
      ),
    ]);
    const clusters = items.filter(
      (e: Entity) => e.metadata.annotations?.[CLUSTER_ANNOTATION],
    );
    const gone = goneSources(locations);
    const removed = clusters.filter(e => sourceGone(e, gone));
    // Every file gone at once is the Git provider refusing the token, not a mass removal.
    const accessProblem =
      removed.length > 1 && removed.length === clusters.length;
    if (accessProblem) {
      logger.warn(
        `Every cluster's catalog file reads as not found; taking it as an access problem, not ${removed.length} removals`,
      );
    }
    return new Map(
      clusters
        .filter(e => accessProblem || !removed.includes(e))
        .map((e: Entity) => {
          const a = e.metadata.annotations ?? {};
          return [
            a[CLUSTER_ANNOTATION],
            {
              entityRef: stringifyEntityRef(e),
              prUrl: a[ONBOARDING_PR_ANNOTATION] || undefined,
              retiring: RETIRING_ANNOTATION in a,
            },
          ];
        }),
    );
  }

  /** Runs `first` (signal, notifications), then the tracker; the tracker fails alone. */
  after(
    first: (snapshot: FederationSnapshot) => Promise<void>,
  ): (snapshot: FederationSnapshot) => Promise<void> {
    return async snapshot => {
      await first(snapshot);
      try {
        await this.onSnapshot(snapshot);
      } catch (error) {
        this.options.logger.warn(
          `Could not track onboarding clusters: ${error}`,
        );
      }
    };
  }

  /** After each stored snapshot (on the collecting replica). */
  async onSnapshot(snapshot: FederationSnapshot): Promise<void> {
    const { store } = this.options;
    // A catalog that cannot be read must not make every cluster look removed.
    const entities = await this.catalogClusters();
    const rows = new Map((await store.list()).map(r => [r.cluster, r]));
    const byName = new Map(snapshot.clusters.map(c => [c.name, c]));
    const now = this.now();
    const names = new Set([...entities.keys(), ...rows.keys()]);
    for (const cluster of names) {
      const entity = entities.get(cluster);
      const status = byName.get(cluster);
      let row = rows.get(cluster);
      const change = nextLifecycle(row, entity, status?.federated);
      if (change.kind === 'remove') await store.remove(cluster);
      if (change.kind === 'save') {
        row = {
          cluster,
          phase: change.phase,
          since: change.reset || !row ? now : row.since,
          entityRef: entity?.entityRef ?? row?.entityRef,
          prUrl: change.prUrl,
          pullRequest: change.reset ? undefined : row?.pullRequest,
          firstPassed: change.reset ? {} : row?.firstPassed ?? {},
        };
        await store.save(row, change.reset);
      }
      if (change.kind !== 'remove' && row?.phase === 'onboarding')
        await this.track(row, status, now);
    }
  }

  /** Reads the pull request, records first passes, and ends onboarding once healthy. */
  private async track(
    row: LifecycleRow,
    status: ClusterStatus | undefined,
    now: string,
  ) {
    const { store, pullRequests } = this.options;
    // A merged pull request does not change again: read it until then.
    const pullRequest =
      row.pullRequest?.state === 'merged'
        ? row.pullRequest
        : await pullRequests.read(row.prUrl!);
    const result = trackOnboarding({
      cluster: row.cluster,
      entityRef: row.entityRef,
      pullRequest,
      status,
      record: { since: row.since, firstPassed: row.firstPassed },
      now,
      stuckAfterMinutes: this.options.stuckAfterMinutes,
    });
    await store.recordSteps(row.cluster, result.newlyPassed);
    // Healthy once: onboarding is over; the link is kept so that it does not start again.
    await store.save(
      { ...row, pullRequest, phase: result.healthy ? 'known' : row.phase },
      false,
    );
  }

  private async view(row: LifecycleRow): Promise<ClusterOnboarding> {
    const status = await this.options.status(row.cluster);
    if (row.phase === 'retiring')
      return {
        cluster: row.cluster,
        phase: 'retiring',
        entityRef: row.entityRef,
        since: row.since,
        steps: [],
        federated: status?.federated,
      };
    return trackOnboarding({
      cluster: row.cluster,
      entityRef: row.entityRef,
      pullRequest:
        row.pullRequest ?? (row.prUrl ? { url: row.prUrl } : undefined),
      status,
      record: { since: row.since, firstPassed: row.firstPassed },
      now: this.now(),
      stuckAfterMinutes: this.options.stuckAfterMinutes,
    }).view;
  }

  /** GET /onboarding: every onboarding and retiring cluster, stuck ones first. */
  async overview(): Promise<OnboardingOverview> {
    const rows = (await this.options.store.list()).filter(
      r => r.phase !== 'known',
    );
    const clusters = await Promise.all(rows.map(r => this.view(r)));
    clusters.sort(
      (a, b) =>
        Number(!!b.stuck) - Number(!!a.stuck) ||
        a.cluster.localeCompare(b.cluster),
    );
    return { stuckAfterMinutes: this.options.stuckAfterMinutes, clusters };
  }

  /** GET /clusters/:name/onboarding; undefined when the cluster is neither onboarding nor retiring. */
  async cluster(name: string): Promise<ClusterOnboarding | undefined> {
    const row = (await this.options.store.list()).find(
      r => r.cluster === name && r.phase !== 'known',
    );
    return row ? this.view(row) : undefined;
  }
}
