import {
  OnboardingPullRequest,
  OnboardingStepId,
} from '@promfed/plugin-prometheus-federation-common';
import { Knex } from 'knex';
import { withTimeout } from './withTimeout';

export type LifecyclePhase = 'onboarding' | 'known' | 'retiring';

export interface LifecycleRow {
  cluster: string;
  phase: LifecyclePhase;
  since: string;
  entityRef?: string;
  prUrl?: string;
  pullRequest?: OnboardingPullRequest;
  /** While retiring: the phase before it. */
  previousPhase?: LifecyclePhase;
  firstPassed: Partial<Record<OnboardingStepId, string>>;
}

/**
 * The cluster lifecycle in the plugin's database (migrations 20261201000000, 20261207000000): one
 * row per cluster seen in the catalog, and each onboarding step's first pass. Storage only; every
 * call has a timeout, so a database that hangs never holds the collection task.
 */
export class LifecycleStore {
  constructor(private readonly db: Knex, private readonly timeoutMs: number) {}

  private run<T>(work: () => Promise<T>): Promise<T> {
    return withTimeout('database', this.timeoutMs, work);
  }

  async list(): Promise<LifecycleRow[]> {
    const [rows, steps] = await this.run(() =>
      Promise.all([
        this.db('cluster_lifecycle').select(),
        this.db('onboarding_steps').select(),
      ]),
    );
    return rows.map(r => ({
      cluster: r.cluster,
      phase: r.phase,
      since: r.since,
      entityRef: r.entity_ref ?? undefined,
      prUrl: r.pr_url ?? undefined,
      pullRequest: r.pull_request ? JSON.parse(r.pull_request) : undefined,
      previousPhase: r.previous_phase ?? undefined,
      firstPassed: Object.fromEntries(
        steps
          .filter(s => s.cluster === r.cluster)
          .map(s => [s.step, s.first_passed_at]),
      ),
    }));
  }

  /** Writes the row; `reset` (a new pull request) starts its steps afresh. */
  async save(row: Omit<LifecycleRow, 'firstPassed'>, reset: boolean) {
    await this.run(() =>
      this.db.transaction(async tx => {
        if (reset)
          await tx('onboarding_steps').where({ cluster: row.cluster }).delete();
        await tx('cluster_lifecycle')
          .insert({
            cluster: row.cluster,
            phase: row.phase,
            since: row.since,
            entity_ref: row.entityRef ?? null,
            pr_url: row.prUrl ?? null,
            pull_request: row.pullRequest
              ? JSON.stringify(row.pullRequest)
              : null,
            previous_phase: row.previousPhase ?? null,
          })
          .onConflict('cluster')
          .merge();
      }),
    );
  }

  /** First passes only: a step already recorded keeps its time (replicas may race). */
  async recordSteps(
    cluster: string,
    passed: Partial<Record<OnboardingStepId, string>>,
  ) {
    const rows = Object.entries(passed).map(([step, at]) => ({
      cluster,
      step,
      first_passed_at: at,
    }));
    if (rows.length === 0) return;
    await this.run(() =>
      this.db('onboarding_steps')
        .insert(rows)
        .onConflict(['cluster', 'step'])
        .ignore(),
    );
  }

  /** A retired cluster: ops no longer has its job and its entity is gone. */
  async remove(cluster: string) {
    await this.run(() =>
      this.db.transaction(async tx => {
        await tx('onboarding_steps').where({ cluster }).delete();
        await tx('cluster_lifecycle').where({ cluster }).delete();
      }),
    );
  }
}
