/** Wire types and names of the cluster lifecycle: onboarding after the template, retiring after removal. */
import type { Remediation } from './types';

/** On a cluster's catalog entity: the pull request that adds it (set by the add template). */
export const ONBOARDING_PR_ANNOTATION =
  'prometheus-federation.io/onboarding-pr';

/** On a cluster's catalog entity: it is being removed (any value, e.g. the removal PR's URL). */
export const RETIRING_ANNOTATION = 'prometheus-federation.io/retiring';

/** The onboarding steps, in the order they happen after the template has run. */
export const ONBOARDING_STEPS = [
  'pr-open',
  'pr-merged',
  'exposure',
  'dns',
  'certificate',
  'security-group',
  'target',
  'metrics',
] as const;

export type OnboardingStepId = (typeof ONBOARDING_STEPS)[number];

export const ONBOARDING_STEP_TITLES: Record<OnboardingStepId, string> = {
  'pr-open': 'Pull request open',
  'pr-merged': 'Pull request merged',
  exposure: 'Ingress or route present',
  dns: 'DNS resolves',
  certificate: 'Certificate issued',
  'security-group': 'Security group rule present',
  target: 'Target up',
  metrics: 'First fresh metrics',
};

export interface OnboardingStep {
  id: OnboardingStepId;
  title: string;
  /** passed: passes now; current: the first step that does not; pending: after it. */
  status: 'passed' | 'current' | 'pending';
  /** When the step first passed (ISO 8601), kept across refreshes. */
  firstPassedAt?: string;
  /** One line: what was found now. */
  summary?: string;
}

/** The pull request as the Git provider answers it. */
export interface OnboardingPullRequest {
  url: string;
  state?: 'open' | 'merged' | 'closed';
  title?: string;
  createdAt?: string;
  mergedAt?: string;
  /** Why the state is unknown (provider not configured, error). */
  error?: string;
}

/** One cluster on its way in (onboarding) or out (retiring). */
export interface ClusterOnboarding {
  cluster: string;
  phase: 'onboarding' | 'retiring';
  entityRef?: string;
  pullRequest?: OnboardingPullRequest;
  /** When the tracker first saw the cluster in this phase (ISO 8601). */
  since: string;
  steps: OnboardingStep[];
  /** The first step that does not pass; undefined when all pass. */
  currentStep?: OnboardingStepId;
  /** Seconds spent on the current step: since the step before it first passed. */
  currentStepSeconds?: number;
  /** Set when the current step has taken longer than onboarding.stuckAfterMinutes. */
  stuck?: { afterMinutes: number; remediation: Remediation };
  /** Retiring: ops Prometheus still has the federate job. */
  federated?: boolean;
}

/** GET /onboarding: the clusters being onboarded or retired, apart from the status list. */
export interface OnboardingOverview {
  stuckAfterMinutes: number;
  clusters: ClusterOnboarding[];
}
