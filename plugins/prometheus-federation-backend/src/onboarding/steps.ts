import {
  CheckId,
  ClusterStatus,
  ONBOARDING_STEPS,
  OnboardingPullRequest,
  OnboardingStepId,
  Remediation,
} from '@promfed/plugin-prometheus-federation-common';
import { remediationFor } from '../triage/remediation';

/** The triage check that decides each step after the merge. */
export const STEP_CHECK: Partial<Record<OnboardingStepId, CheckId>> = {
  exposure: 'ingress',
  dns: 'dns',
  certificate: 'certificate',
  'security-group': 'security-group',
  target: 'target',
  metrics: 'metrics',
};

export interface StepNow {
  passes: boolean;
  summary?: string;
  /** When the provider says it happened (PR created or merged), better than when it was seen. */
  at?: string;
  /** Not configured here: passes, but has no time of its own. */
  untracked?: boolean;
}

function checkStep(status: ClusterStatus | undefined, id: CheckId): StepNow {
  const c = status?.checks.find(x => x.id === id);
  if (!c) return { passes: false, summary: 'Not collected yet.' };
  // A warning still means the thing exists (e.g. a certificate close to renewal).
  if (c.result === 'pass' || c.result === 'warn')
    return { passes: true, summary: c.summary };
  // Not configured here: nothing to wait for, and nothing to time.
  if (c.result === 'not-configured')
    return { passes: true, summary: c.summary, untracked: true };
  return { passes: false, summary: c.summary };
}

/** What the tracker knows of the pull request, in one line. */
function pullRequestText(pr: OnboardingPullRequest | undefined): string {
  if (pr?.error) return `Pull request state unknown: ${pr.error}`;
  if (pr?.state === 'closed')
    return 'Pull request closed without merging: this onboarding is abandoned.';
  return `Pull request ${pr?.state ?? 'not found'}.`;
}

/**
 * Whether each step passes now. The pull request steps also pass once any later step does:
 * the change is live, so it was merged (when the provider cannot be read, say).
 */
export function stepsNow(
  pr: OnboardingPullRequest | undefined,
  status: ClusterStatus | undefined,
): Record<OnboardingStepId, StepNow> {
  const after = Object.fromEntries(
    Object.entries(STEP_CHECK).map(([step, id]) => [
      step,
      checkStep(status, id!),
    ]),
  ) as Record<Exclude<OnboardingStepId, 'pr-open' | 'pr-merged'>, StepNow>;
  const live = (['exposure', 'dns', 'certificate', 'target'] as const).some(
    s => after[s].passes && !after[s].untracked,
  );
  const prText = pullRequestText(pr);
  const merged = pr?.state === 'merged';
  return {
    'pr-open': {
      // A closed pull request was open once: the step after it is where onboarding stopped.
      passes: merged || pr?.state === 'open' || pr?.state === 'closed' || live,
      summary: prText,
      at: pr?.createdAt,
    },
    'pr-merged': {
      passes: merged || live,
      summary: prText,
      at: pr?.mergedAt,
    },
    ...after,
  };
}

/** What to do when a step is stuck: the check's own remediation, or the pull request's. */
export function stepRemediation(
  step: OnboardingStepId,
  cluster: { name: string; host?: string },
  status: ClusterStatus | undefined,
  pr: OnboardingPullRequest | undefined,
): Remediation {
  if (step === 'pr-open')
    return {
      summary: `No open pull request adds ${cluster.name}: run the template "Add cluster to federation" again, or fix the annotation's link.`,
    };
  if (step === 'pr-merged' && pr?.state === 'closed')
    return {
      summary: `The pull request that adds ${cluster.name} was closed without merging, so onboarding is abandoned (${pr.url}): run the template "Add cluster to federation" again for a new pull request.`,
    };
  if (step === 'pr-merged')
    return {
      summary: `The pull request that adds ${
        cluster.name
      } waits for review and merge${pr?.url ? `: ${pr.url}` : '.'}`,
    };
  const id = STEP_CHECK[step]!;
  return (
    status?.checks.find(c => c.id === id)?.remediation ??
    remediationFor(id, { cluster: cluster.name, host: cluster.host })
  );
}

export { ONBOARDING_STEPS };
