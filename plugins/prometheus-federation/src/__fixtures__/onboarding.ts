import {
  ClusterOnboarding,
  ONBOARDING_STEP_TITLES,
  ONBOARDING_STEPS,
  OnboardingStepId,
} from '@promfed/plugin-prometheus-federation-common';
import { iso } from './clusters';

const stepStatus = (i: number, upTo: number) => {
  if (i < upTo) return 'passed' as const;
  return i === upTo ? ('current' as const) : ('pending' as const);
};

/** What the backend's checks say at each step, as in the cluster view. */
const SUMMARIES: Record<OnboardingStepId, (name: string) => string> = {
  'pr-open': () => 'Pull request open.',
  'pr-merged': () => 'Pull request merged.',
  exposure: name =>
    `Ingress monitoring/prometheus-ingress does not exist on ${name}.`,
  dns: name => `prometheus-${name}.example.test does not resolve (ENOTFOUND).`,
  certificate: name =>
    `Certificate monitoring/prometheus-${name}-tls is Ready.`,
  'security-group': () => 'A rule allows tcp 443 from the ops cluster.',
  target: () => 'The federate target is up.',
  metrics: () => 'http metrics arrive, newest 20 s old.',
};

const PR = 'https://github.example.test/acme/infra/pull/42';

/** An onboarding cluster whose steps before `current` passed, one per 5 minutes from an hour ago. */
export function onboardingCluster(
  name: string,
  current: OnboardingStepId | undefined,
  overrides: Partial<ClusterOnboarding> = {},
): ClusterOnboarding {
  const upTo = current
    ? ONBOARDING_STEPS.indexOf(current)
    : ONBOARDING_STEPS.length;
  return {
    cluster: name,
    phase: 'onboarding',
    entityRef: `resource:default/${name}`,
    since: iso(60),
    pullRequest: {
      url: PR,
      title: `Add cluster ${name} to Prometheus federation`,
      state: upTo > 1 ? 'merged' : 'open',
    },
    steps: ONBOARDING_STEPS.map((id, i) => ({
      id,
      title: ONBOARDING_STEP_TITLES[id],
      status: stepStatus(i, upTo),
      firstPassedAt: i < upTo ? iso(60 - i * 5) : undefined,
      summary: i <= upTo ? SUMMARIES[id](name) : undefined,
    })),
    currentStep: current,
    currentStepSeconds: current ? 300 : undefined,
    ...overrides,
  };
}

/** Stuck on the Ingress for 40 minutes, with its remediation. */
export const stuckOnExposure = (name: string) =>
  onboardingCluster(name, 'exposure', {
    currentStepSeconds: 2400,
    stuck: {
      afterMinutes: 30,
      remediation: {
        summary: `Sync the ${name} cluster's cluster-resources Argo CD application.`,
        file: `argocd/applications/prod-${name}/cluster-resources/prometheus-ingress.yaml`,
        commands: [
          `kubectl describe ingress prometheus-ingress -n monitoring --context=${name}`,
        ],
      },
    },
  });
