import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterOnboarding,
  ClusterStatus,
  OnboardingOverview,
} from '@promfed/plugin-prometheus-federation-common';
import { mapWithLimit } from '../collectors/limit';
import { PullRequestCollector } from '../collectors/pullRequests';
import { abortable } from './abortable';
import { CatalogCluster, nextLifecycle } from '../onboarding/lifecycle';
import { catalogClusters } from '../collectors/catalogClusters';
import { trackOnboarding } from '../onboarding/trackOnboarding';
import { Pacer } from '../cost/pacer';
import { LifecycleRow, LifecycleStore } from '../store/lifecycleStore';
import { FederationSnapshot } from '../triage/triageFederation';

/** Pull requests read at once: a few, to spare the integration's hourly budget. */
export const PULL_REQUEST_CONCURRENCY = 4;

export interface OnboardingServiceOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: LifecycleStore;
  pullRequests: PullRequestCollector;
  stuckAfterMinutes: number;
  logger: LoggerService;
  /** The clusters of the latest snapshot, with their checks: read once per request. */
  clusters: () => Promise<ClusterStatus[]>;
  /** How long the catalog may take to answer (the collection's own deadline also applies). */
  catalogTimeoutSeconds: number;
  /** For tests: the clock. */
  now?: () => Date;
}

/**
 * The entity the tracker follows for a cluster. Once the snapshot names the cluster's entity,
 * only that one counts: another entity annotated with the same cluster (from a place nobody
 * trusted for it) does not steer its lifecycle.
 */
function trustedEntity(
  candidates: CatalogCluster[] | undefined,
  status: ClusterStatus | undefined,
): CatalogCluster | undefined {
  if (!candidates?.length) return undefined;
  if (!status?.entityRef) return candidates[0];
  // Entity references compare without case, as the catalog does.
  const named = status.entityRef.toLocaleLowerCase('en-US');
  return candidates.find(c => c.entityRef.toLocaleLowerCase('en-US') === named);
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

  /** Runs `first` (signal, notifications), then the tracker; the tracker fails alone. */
  after(
    first: (snapshot: FederationSnapshot) => Promise<void>,
  ): (snapshot: FederationSnapshot, signal?: AbortSignal) => Promise<void> {
    return async (snapshot, signal) => {
      await first(snapshot);
      try {
        await this.onSnapshot(snapshot, signal);
      } catch (error) {
        this.options.logger.warn(
          `Could not track onboarding clusters: ${error}`,
        );
      }
    };
  }

  /**
   * After each stored snapshot (on the collecting replica), under the collection's deadline:
   * the signal aborts the pass between clusters and every catalog, database and GitHub call.
   */
  async onSnapshot(
    snapshot: FederationSnapshot,
    signal?: AbortSignal,
  ): Promise<void> {
    const { store, logger } = this.options;
    // A catalog that cannot be read fails the pass: nothing is taken as removed.
    const entities = await abortable(
      catalogClusters({
        ...this.options,
        signal,
        timeoutSeconds: this.options.catalogTimeoutSeconds,
      }),
      signal,
    );
    const rows = new Map(
      (await abortable(store.list(), signal)).map(r => [r.cluster, r]),
    );
    const byName = new Map(snapshot.clusters.map(c => [c.name, c]));
    const lost = [...rows.values()].filter(
      r => r.phase !== 'retiring' && !entities.has(r.cluster),
    );
    if (lost.length > 0)
      logger.warn(
        `The catalog's answer lacks the entities of ${lost
          .map(r => r.cluster)
          .join(
            ', ',
          )}; taken as an access problem, not removals: they keep their phase and history`,
      );
    const now = this.now();
    const names = [...new Set([...entities.keys(), ...rows.keys()])];
    // Its writes are synchronous on SQLite: the event loop is given back every 10 ms.
    const pacer = new Pacer(Infinity);
    await mapWithLimit(names, PULL_REQUEST_CONCURRENCY, async cluster => {
      await pacer.pauseIfDue();
      signal?.throwIfAborted();
      try {
        await this.pass(
          cluster,
          rows.get(cluster),
          entities.get(cluster),
          byName.get(cluster),
          now,
          signal,
        );
      } catch (error) {
        // One bad cluster never fails the others.
        if (signal?.aborted) throw error;
        logger.warn(`Could not track cluster ${cluster}: ${error}`);
      }
    });
  }

  private async pass(
    cluster: string,
    stored: LifecycleRow | undefined,
    candidates: CatalogCluster[] | undefined,
    status: ClusterStatus | undefined,
    now: string,
    signal?: AbortSignal,
  ) {
    const { store } = this.options;
    const entity = trustedEntity(candidates, status);
    const change = nextLifecycle(stored, {
      entity,
      federated: status?.federated,
    });
    if (change.kind === 'remove') {
      await store.remove(cluster);
      return;
    }
    let row = stored;
    if (change.kind === 'save') {
      row = {
        cluster,
        phase: change.phase,
        since:
          change.reset || !row || row.phase !== change.phase ? now : row.since,
        entityRef: entity?.entityRef ?? row?.entityRef,
        prUrl: change.prUrl,
        pullRequest: change.reset ? undefined : row?.pullRequest,
        previousPhase: change.previousPhase,
        firstPassed: change.reset ? {} : row?.firstPassed ?? {},
      };
      await store.save(row, change.reset);
    }
    if (row?.phase === 'onboarding') await this.track(row, status, now, signal);
  }

  /** Reads the pull request, records first passes, and ends onboarding once healthy. */
  private async track(
    row: LifecycleRow,
    status: ClusterStatus | undefined,
    now: string,
    signal?: AbortSignal,
  ) {
    const { store, pullRequests } = this.options;
    // Merged or closed, a pull request does not change again: it is not read any more.
    const settled =
      row.pullRequest?.state === 'merged' ||
      row.pullRequest?.state === 'closed';
    let pullRequest = row.pullRequest;
    if (!settled && row.prUrl) {
      const read = await pullRequests.read(row.prUrl, signal);
      // A failed read keeps the last state known, with the reason.
      pullRequest =
        read.error && row.pullRequest?.state
          ? { ...row.pullRequest, error: read.error }
          : read;
    }
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

  private view(
    row: LifecycleRow,
    status: ClusterStatus | undefined,
  ): ClusterOnboarding {
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

  /** The onboarding and retiring rows with the snapshot's clusters, each read once. */
  private async views(
    filter: (row: LifecycleRow) => boolean,
  ): Promise<ClusterOnboarding[]> {
    const rows = (await this.options.store.list()).filter(
      r => r.phase !== 'known' && filter(r),
    );
    if (rows.length === 0) return [];
    const clusters = new Map(
      (await this.options.clusters()).map(c => [c.name, c]),
    );
    return rows.map(r => this.view(r, clusters.get(r.cluster)));
  }

  /** GET /onboarding: every onboarding and retiring cluster, stuck ones first. */
  async overview(): Promise<OnboardingOverview> {
    const clusters = await this.views(() => true);
    clusters.sort(
      (a, b) =>
        Number(!!b.stuck) - Number(!!a.stuck) ||
        a.cluster.localeCompare(b.cluster),
    );
    return { stuckAfterMinutes: this.options.stuckAfterMinutes, clusters };
  }

  /** GET /clusters/:name/onboarding; undefined when the cluster is neither onboarding nor retiring. */
  async cluster(name: string): Promise<ClusterOnboarding | undefined> {
    return (await this.views(r => r.cluster === name))[0];
  }
}
