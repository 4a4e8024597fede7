import {
  ClusterOnboarding,
  ClusterStatus,
  ONBOARDING_STEP_TITLES,
  ONBOARDING_STEPS,
  OnboardingPullRequest,
  OnboardingStep,
  OnboardingStepId,
} from '@promfed/plugin-prometheus-federation-common';
import { stepRemediation, stepsNow } from './steps';

/** What the store keeps of one onboarding cluster. */
export interface OnboardingRecord {
  /** When the tracker first saw the cluster onboarding (ISO 8601). */
  since: string;
  /** When each step first passed (ISO 8601). */
  firstPassed: Partial<Record<OnboardingStepId, string>>;
}

export interface TrackInput {
  cluster: string;
  host?: string;
  entityRef?: string;
  pullRequest?: OnboardingPullRequest;
  /** The cluster in the latest snapshot; undefined before it is configured or federated. */
  status?: ClusterStatus;
  record: OnboardingRecord;
  /** ISO 8601. */
  now: string;
  stuckAfterMinutes: number;
}

export interface TrackResult {
  view: ClusterOnboarding;
  /** Steps that passed for the first time now, with their time: for the store. */
  newlyPassed: Partial<Record<OnboardingStepId, string>>;
  /** The cluster is healthy: onboarding is over. */
  healthy: boolean;
}

const seconds = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * One onboarding cluster now: each step's first pass (kept, or now), the current step (the first
 * that does not pass), the time spent on it (since the step before it first passed) and, past
 * stuckAfterMinutes, the warning with that step's remediation. Pure: time comes in `now`.
 */
export function trackOnboarding(input: TrackInput): TrackResult {
  const { record, now } = input;
  const found = stepsNow(input.pullRequest, input.status);
  const newlyPassed: TrackResult['newlyPassed'] = {};
  const firstPassed = { ...record.firstPassed };
  for (const id of ONBOARDING_STEPS) {
    const step = found[id];
    if (step.passes && !step.untracked && !firstPassed[id]) {
      // The provider's time when it has one (a PR merged before the tracker saw it).
      firstPassed[id] = step.at ?? now;
      newlyPassed[id] = firstPassed[id];
    }
  }
  const current = ONBOARDING_STEPS.find(id => !found[id].passes);
  const statusOf = (id: OnboardingStepId): OnboardingStep['status'] => {
    if (found[id].passes) return 'passed';
    return id === current ? 'current' : 'pending';
  };
  const steps: OnboardingStep[] = ONBOARDING_STEPS.map(id => ({
    id,
    title: ONBOARDING_STEP_TITLES[id],
    status: statusOf(id),
    firstPassedAt: firstPassed[id],
    summary: found[id].summary,
  }));
  const view: ClusterOnboarding = {
    cluster: input.cluster,
    phase: 'onboarding',
    entityRef: input.entityRef,
    pullRequest: input.pullRequest,
    since: record.since,
    steps,
  };
  if (current) {
    // The current step started when the latest step before it first passed.
    const before = ONBOARDING_STEPS.slice(0, ONBOARDING_STEPS.indexOf(current))
      .map(id => firstPassed[id])
      .filter((t): t is string => !!t)
      .sort();
    const started = before[before.length - 1] ?? record.since;
    view.currentStep = current;
    view.currentStepSeconds = seconds(started, now);
    if (view.currentStepSeconds > input.stuckAfterMinutes * 60)
      view.stuck = {
        afterMinutes: input.stuckAfterMinutes,
        remediation: stepRemediation(
          current,
          { name: input.cluster, host: input.host },
          input.status,
          input.pullRequest,
        ),
      };
  }
  return {
    view,
    newlyPassed,
    healthy: !current && input.status?.state === 'healthy',
  };
}
