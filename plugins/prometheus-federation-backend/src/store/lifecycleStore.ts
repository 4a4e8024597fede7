import {
  OnboardingPullRequest,
  OnboardingStepId,
} from '@promfed/plugin-prometheus-federation-common';
import { Knex } from 'knex';

export type LifecyclePhase = 'onboarding' | 'known' | 'retiring';

export interface LifecycleRow {
  cluster: string;
  phase: LifecyclePhase;
  since: string;
  entityRef?: string;
  prUrl?: string;
  pullRequest?: OnboardingPullRequest;
  firstPassed: Partial<Record<OnboardingStepId, string>>;
}

/**
 * The cluster lifecycle in the plugin's database (migration 20261201000000): one row per
 * cluster seen in the catalog, and each onboarding step's first pass. Storage only.
 */
export class LifecycleStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<LifecycleRow[]> {
    const rows = await this.db('cluster_lifecycle').select();
    const steps = await this.db('onboarding_steps').select();
    return rows.map(r => ({
      cluster: r.cluster,
      phase: r.phase,
      since: r.since,
      entityRef: r.entity_ref ?? undefined,
      prUrl: r.pr_url ?? undefined,
      pullRequest: r.pull_request ? JSON.parse(r.pull_request) : undefined,
      firstPassed: Object.fromEntries(
        steps
          .filter(s => s.cluster === r.cluster)
          .map(s => [s.step, s.first_passed_at]),
      ),
    }));
  }

  /** Writes the row; a new phase or pull request starts its steps afresh. */
  async save(row: Omit<LifecycleRow, 'firstPassed'>, reset: boolean) {
    await this.db.transaction(async tx => {
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
        })
        .onConflict('cluster')
        .merge();
    });
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
    await this.db('onboarding_steps')
      .insert(rows)
      .onConflict(['cluster', 'step'])
      .ignore();
  }

  async remove(cluster: string) {
    await this.db.transaction(async tx => {
      await tx('onboarding_steps').where({ cluster }).delete();
      await tx('cluster_lifecycle').where({ cluster }).delete();
    });
  }
}
