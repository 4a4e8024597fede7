import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  onboardingCluster,
  stuckOnExposure,
} from '../../__fixtures__/onboarding';
import { OnboardingTimeline } from './OnboardingTimeline';

const statuses = () =>
  screen
    .getAllByTestId(/^onboarding-step-/)
    .map(li => [
      li.getAttribute('data-testid')!.replace('onboarding-step-', ''),
      li.getAttribute('data-status'),
    ]);

describe('OnboardingTimeline', () => {
  it('shows a stuck step with its time and remediation, after the steps that passed', async () => {
    await renderInTestApp(
      <OnboardingTimeline onboarding={stuckOnExposure('teal')} />,
    );
    expect(statuses()).toEqual([
      ['pr-open', 'passed'],
      ['pr-merged', 'passed'],
      ['exposure', 'current'],
      ['dns', 'pending'],
      ['certificate', 'pending'],
      ['security-group', 'pending'],
      ['target', 'pending'],
      ['metrics', 'pending'],
    ]);
    const stuck = screen.getByTestId('onboarding-stuck');
    expect(stuck).toHaveTextContent(
      'Stuck on “Ingress or route present” for 40 min (more than 30 min).',
    );
    expect(within(stuck).getByTestId('remediation')).toHaveTextContent(
      'argocd/applications/prod-teal/cluster-resources/prometheus-ingress.yaml',
    );
    expect(screen.getByTestId('onboarding-step-exposure')).toHaveTextContent(
      'current for 40 min',
    );
    expect(screen.getByTestId('onboarding-step-pr-merged')).toHaveTextContent(
      /passed \d\d:\d\d|passed \d+ \w+ \d\d:\d\d/,
    );
  });

  it('merged, waiting on DNS, not stuck: no warning, the PR linked as merged', async () => {
    await renderInTestApp(
      <OnboardingTimeline onboarding={onboardingCluster('teal', 'dns')} />,
    );
    expect(screen.queryByTestId('onboarding-stuck')).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'Add cluster teal to Prometheus federation',
      }),
    ).toHaveAttribute('href', 'https://github.example.test/acme/infra/pull/42');
    expect(screen.getByText(/\(merged\)/)).toBeInTheDocument();
    expect(screen.getByTestId('onboarding-step-dns')).toHaveTextContent(
      'current for 5 min',
    );
  });

  it('healthy: every step passed, and a link that is not https is not clickable', async () => {
    const done = onboardingCluster('teal', undefined);
    done.pullRequest = {
      url: 'http://github.example.test/a/b/pull/1',
      state: 'merged',
    };
    await renderInTestApp(<OnboardingTimeline onboarding={done} />);
    expect(statuses().every(([, s]) => s === 'passed')).toBe(true);
    expect(screen.getByTestId('onboarding-done')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('a retiring cluster says whether ops Prometheus still has its job', async () => {
    await renderInTestApp(
      <OnboardingTimeline
        onboarding={{
          ...onboardingCluster('teal', undefined),
          phase: 'retiring',
          steps: [],
          federated: true,
        }}
      />,
    );
    expect(screen.getByTestId('retiring')).toHaveTextContent(
      'ops Prometheus still has its federate job',
    );
  });
});
