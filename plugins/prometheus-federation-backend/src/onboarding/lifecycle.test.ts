import { nextLifecycle } from './lifecycle';

const PR = 'https://github.example.com/acme/infra/pull/42';
const entity = {
  entityRef: 'resource:default/blue',
  prUrl: PR,
  retiring: false,
};
const fresh = {};

describe('nextLifecycle', () => {
  it('starts onboarding on a new link, and not again for the same link', () => {
    expect(nextLifecycle(undefined, { ...fresh, entity })).toEqual({
      kind: 'save',
      phase: 'onboarding',
      prUrl: PR,
      reset: true,
    });
    const onboarding = { phase: 'onboarding' as const, prUrl: PR };
    expect(
      nextLifecycle(onboarding, { ...fresh, entity, federated: true }),
    ).toEqual({ kind: 'keep' });
    expect(
      nextLifecycle(
        { phase: 'known', prUrl: PR },
        { ...fresh, entity, federated: true },
      ),
    ).toEqual({ kind: 'keep' });
  });

  it('re-onboards a known cluster for a new link on its own entity, and only for a new one', () => {
    expect(
      nextLifecycle(
        { phase: 'known', prUrl: PR },
        { ...fresh, entity: { ...entity, prUrl: `${PR}0` } },
      ),
    ).toEqual({
      kind: 'save',
      phase: 'onboarding',
      prUrl: `${PR}0`,
      reset: true,
    });
    expect(
      nextLifecycle(
        { phase: 'known', prUrl: entity.prUrl },
        { ...fresh, entity },
      ),
    ).toEqual({ kind: 'keep' });
  });

  it('keeps every phase when the entity is missing from the answer (an access problem, not a removal)', () => {
    for (const phase of ['known', 'onboarding'] as const)
      expect(
        nextLifecycle({ phase, prUrl: PR }, { ...fresh, federated: false }),
      ).toEqual({ kind: 'keep' });
    expect(nextLifecycle(undefined, { ...fresh, federated: true })).toEqual({
      kind: 'keep',
    });
  });

  it('retires an annotated or removed entity while ops has its job, keeping its steps, then forgets it', () => {
    const onboarding = { phase: 'onboarding' as const, prUrl: PR };
    const retiring = {
      kind: 'save',
      phase: 'retiring',
      prUrl: PR,
      reset: false,
      previousPhase: 'onboarding',
    };
    expect(
      nextLifecycle(onboarding, {
        ...fresh,
        entity: { ...entity, retiring: true },
        federated: true,
      }),
    ).toEqual(retiring);
    expect(
      nextLifecycle(onboarding, {
        ...fresh,
        entity: { ...entity, removed: true },
      }),
    ).toEqual(retiring);
    expect(
      nextLifecycle({ phase: 'retiring' }, { ...fresh, federated: true }),
    ).toEqual({ kind: 'keep' });
    expect(
      nextLifecycle({ phase: 'retiring' }, { ...fresh, federated: false }),
    ).toEqual({ kind: 'remove' });
    // A removed file never seen before: nothing to retire.
    expect(
      nextLifecycle(undefined, {
        ...fresh,
        entity: { ...entity, removed: true },
      }),
    ).toEqual({ kind: 'keep' });
  });

  it('resumes the phase before retiring when the entity comes back, steps kept', () => {
    expect(
      nextLifecycle(
        { phase: 'retiring', prUrl: PR, previousPhase: 'onboarding' },
        { ...fresh, entity },
      ),
    ).toEqual({ kind: 'save', phase: 'onboarding', prUrl: PR, reset: false });
  });
});
