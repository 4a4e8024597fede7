import { decideNotification, NotifiedState } from './decideNotification';

const t = (s: number) =>
  new Date(Date.UTC(2026, 10, 30, 12, 0, s)).toISOString();
const never: NotifiedState = { state: '', since: '' };
const decide = (told: NotifiedState, state: any, since: string, now: string) =>
  decideNotification(told, { state, stateSince: since }, now, 120);

describe('decideNotification', () => {
  it('waits until a new state has held the minimum duration', () => {
    expect(decide(never, 'down', t(0), t(119))).toBeUndefined();
    expect(decide(never, 'down', t(0), t(120))).toEqual({
      record: 'down',
      notify: 'problem',
    });
  });

  it('tells a problem once while it holds, and a change between problems', () => {
    const down = { state: 'down' as const, since: t(0) };
    expect(decide(down, 'down', t(0), t(500))).toBeUndefined();
    // Back to down after a short flap elsewhere: the owners already know.
    expect(decide(down, 'down', t(300), t(500))).toBeUndefined();
    expect(decide(down, 'degraded', t(300), t(500))).toEqual({
      record: 'degraded',
      notify: 'problem',
    });
  });

  it('tells a recovery only after a problem was told', () => {
    const degraded = { state: 'degraded' as const, since: t(0) };
    expect(decide(degraded, 'healthy', t(0), t(60))).toBeUndefined();
    expect(decide(degraded, 'healthy', t(0), t(200))).toEqual({
      record: 'healthy',
      notify: 'recovered',
    });
    // First sight of a healthy cluster: a baseline, nothing to tell.
    expect(decide(never, 'healthy', t(0), t(200))).toEqual({
      record: 'healthy',
    });
    expect(
      decide({ state: 'healthy', since: t(0) }, 'healthy', t(0), t(999)),
    ).toBeUndefined();
  });

  it('tells nothing about unknown, or without a known start of the state', () => {
    const down = { state: 'down' as const, since: t(0) };
    expect(decide(down, 'unknown', t(0), t(999))).toBeUndefined();
    expect(
      decideNotification(never, { state: 'down' }, t(999), 120),
    ).toBeUndefined();
  });
});
