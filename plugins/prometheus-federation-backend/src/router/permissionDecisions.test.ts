import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  DECISION_REUSE_MS,
  MAX_KEPT_DECISIONS,
  PermissionDecisions,
} from './permissionDecisions';

const read = createPermission({
  name: 'test.read',
  attributes: { action: 'read' },
});
const other = createPermission({
  name: 'test.other',
  attributes: { action: 'read' },
});

function setUp(results: AuthorizeResult[] = [AuthorizeResult.ALLOW]) {
  let now = 1_000_000;
  let call = 0;
  const authorize = jest.fn(async () => [
    { result: results[Math.min(call++, results.length - 1)] },
  ]);
  const decisions = new PermissionDecisions(
    { authorize, authorizeConditional: jest.fn() } as any,
    () => now,
  );
  return {
    authorize,
    decisions,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('PermissionDecisions', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  it("reuses a user's read decision within the reuse time, and asks again after it", async () => {
    const { authorize, decisions, advance } = setUp([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
    expect(await decisions.decide(read, alice, true)).toBe('ALLOW');
    advance(DECISION_REUSE_MS - 1);
    expect(await decisions.decide(read, alice, true)).toBe('ALLOW');
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(authorize).toHaveBeenCalledWith([{ permission: read }], {
      credentials: alice,
    });
    advance(1);
    // The policy changed meanwhile: the next ask sees it.
    expect(await decisions.decide(read, alice, true)).toBe('DENY');
    expect(authorize).toHaveBeenCalledTimes(2);
  });

  it('keeps decisions per user and per permission, and shares one ask between concurrent reads', async () => {
    const { authorize, decisions } = setUp();
    await Promise.all([
      decisions.decide(read, alice, true),
      decisions.decide(read, alice, true),
    ]);
    expect(authorize).toHaveBeenCalledTimes(1);
    await decisions.decide(read, bob, true);
    await decisions.decide(other, alice, true);
    expect(authorize).toHaveBeenCalledTimes(3);
  });

  it('asks every time without reuse, for services and for anyone without credentials', async () => {
    const { authorize, decisions } = setUp();
    await decisions.decide(read, alice, false);
    await decisions.decide(read, alice, false);
    await decisions.decide(read, mockCredentials.service('plugin:x'), true);
    await decisions.decide(read, mockCredentials.service('plugin:x'), true);
    await decisions.decide(read, mockCredentials.none(), true);
    expect(authorize).toHaveBeenCalledTimes(5);
  });

  it('keeps no failed ask', async () => {
    const { authorize, decisions } = setUp();
    authorize.mockRejectedValueOnce(new Error('permission backend down'));
    await expect(decisions.decide(read, alice, true)).rejects.toThrow(
      'permission backend down',
    );
    expect(await decisions.decide(read, alice, true)).toBe('ALLOW');
    expect(authorize).toHaveBeenCalledTimes(2);
  });

  it('keeps at most MAX_KEPT_DECISIONS', async () => {
    const { authorize, decisions } = setUp();
    for (let i = 0; i <= MAX_KEPT_DECISIONS; i++)
      await decisions.decide(
        read,
        mockCredentials.user(`user:default/u${i}`),
        true,
      );
    // The first user's decision was dropped when the map was full: asked again.
    await decisions.decide(read, mockCredentials.user('user:default/u0'), true);
    expect(authorize).toHaveBeenCalledTimes(MAX_KEPT_DECISIONS + 2);
  });
});
