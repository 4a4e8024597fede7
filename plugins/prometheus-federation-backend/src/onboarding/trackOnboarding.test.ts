import { ClusterStatus } from '@promfed/plugin-prometheus-federation-common';
import { context, healthyFacts } from '../__testUtils__/triageFixtures';
import { triageCluster } from '../triage/triageFederation';
import { retiringPhase } from './retiring';
import { TrackInput, trackOnboarding } from './trackOnboarding';
import { NO_INGRESS } from '../collectors/kubernetesObjects';

const PR = 'https://github.example.com/acme/infra/pull/42';
const T0 = '2026-11-24T10:00:00.000Z';
const at = (minutes: number) =>
  new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const healthy = (): ClusterStatus => triageCluster(context(), []);

/** Blue after the merge with its Ingress not deployed yet (the sync has not happened). */
function noIngress(): ClusterStatus {
  const facts = healthyFacts();
  facts.kubernetes!.ingress = { ok: true, value: NO_INGRESS };
  return triageCluster(context(facts), []);
}

function input(overrides: Partial<TrackInput> = {}): TrackInput {
  return {
    cluster: 'blue',
    host: 'prometheus-blue.example.com',
    pullRequest: { url: PR, state: 'open', createdAt: T0 },
    record: { since: at(1), firstPassed: {} },
    now: at(5),
    stuckAfterMinutes: 30,
    ...overrides,
  };
}

describe('trackOnboarding', () => {
  it('an open pull request: PR open passed at its creation, merge current, nothing stuck yet', () => {
    const { view, newlyPassed, healthy: done } = trackOnboarding(input());
    expect(view.steps.map(s => [s.id, s.status])).toEqual([
      ['pr-open', 'passed'],
      ['pr-merged', 'current'],
      ['exposure', 'pending'],
      ['dns', 'pending'],
      ['certificate', 'pending'],
      ['security-group', 'pending'],
      ['target', 'pending'],
      ['metrics', 'pending'],
    ]);
    expect(newlyPassed).toEqual({ 'pr-open': T0 });
    expect(view).toMatchObject({
      currentStep: 'pr-merged',
      currentStepSeconds: 300,
    });
    expect(view.stuck).toBeUndefined();
    expect(done).toBe(false);
  });

  it('merged, Ingress missing for longer than stuckAfterMinutes: stuck on exposure with its remediation', () => {
    const { view } = trackOnboarding(
      input({
        pullRequest: {
          url: PR,
          state: 'merged',
          createdAt: T0,
          mergedAt: at(10),
        },
        record: { since: at(1), firstPassed: { 'pr-open': T0 } },
        status: noIngress(),
        now: at(50),
      }),
    );
    expect(view.currentStep).toBe('exposure');
    // Since the merge (the step before it), not since the tracker first saw the cluster.
    expect(view.currentStepSeconds).toBe(40 * 60);
    expect(view.stuck).toMatchObject({
      afterMinutes: 30,
      remediation: {
        file: 'argocd/applications/prod-blue/cluster-resources/prometheus-ingress.yaml',
      },
    });
    expect(view.steps[1]).toMatchObject({
      status: 'passed',
      firstPassedAt: at(10),
    });
  });

  it('an open PR waiting for review past the limit: stuck with the link', () => {
    const { view } = trackOnboarding(input({ now: at(45) }));
    expect(view.stuck?.remediation.summary).toContain(PR);
  });

  it('healthy: every step passed with its first time kept, onboarding over', () => {
    const firstPassed = {
      'pr-open': T0,
      'pr-merged': at(10),
      exposure: at(12),
    };
    const {
      view,
      newlyPassed,
      healthy: done,
    } = trackOnboarding(
      input({
        pullRequest: {
          url: PR,
          state: 'merged',
          createdAt: T0,
          mergedAt: at(10),
        },
        record: { since: at(1), firstPassed },
        status: healthy(),
        now: at(20),
      }),
    );
    expect(view.steps.every(s => s.status === 'passed')).toBe(true);
    expect(view.steps[2].firstPassedAt).toBe(at(12));
    expect(Object.keys(newlyPassed)).toEqual([
      'dns',
      'certificate',
      'security-group',
      'target',
      'metrics',
    ]);
    expect(newlyPassed.dns).toBe(at(20));
    expect(view.currentStep).toBeUndefined();
    expect(done).toBe(true);
  });

  it('the provider cannot be read: the PR steps pass once the change is live', () => {
    const { view } = trackOnboarding(
      input({
        pullRequest: {
          url: PR,
          error: 'no GitHub integration for github.example.com',
        },
        status: healthy(),
      }),
    );
    expect(view.steps[0]).toMatchObject({
      status: 'passed',
      summary:
        'Pull request state unknown: no GitHub integration for github.example.com',
    });
    expect(view.currentStep).toBeUndefined();
  });

  it('a regression after a step passed keeps the first time and makes the step current again', () => {
    const { view } = trackOnboarding(
      input({
        pullRequest: {
          url: PR,
          state: 'merged',
          createdAt: T0,
          mergedAt: at(10),
        },
        record: { since: at(1), firstPassed: { exposure: at(12) } },
        status: noIngress(),
        now: at(15),
      }),
    );
    expect(view.steps[2]).toMatchObject({
      status: 'current',
      firstPassedAt: at(12),
    });
  });
});

describe('retiringPhase', () => {
  it('retiring while ops federates a removed or annotated cluster, retired after', () => {
    const gone = {
      entityPresent: false,
      annotatedRetiring: false,
      seenBefore: true,
    };
    expect(retiringPhase({ ...gone, federated: true })).toBe('retiring');
    expect(retiringPhase({ ...gone, federated: undefined })).toBe('retiring');
    expect(retiringPhase({ ...gone, federated: false })).toBe('retired');
    expect(
      retiringPhase({
        entityPresent: true,
        annotatedRetiring: true,
        seenBefore: true,
        federated: true,
      }),
    ).toBe('retiring');
    // Never seen in the catalog (a lab, a config-only cluster): not retiring.
    expect(
      retiringPhase({
        entityPresent: false,
        annotatedRetiring: false,
        seenBefore: false,
        federated: true,
      }),
    ).toBeUndefined();
  });
});
