import { ClusterState } from '@promfed/plugin-prometheus-federation-common';

/** What owners were last told about a cluster; state '' until the first decision. */
export interface NotifiedState {
  state: ClusterState | '';
  since: string;
}

export interface Decision {
  /** The state to record as told (or, for a first healthy sight, as the baseline). */
  record: ClusterState;
  notify?: 'problem' | 'recovered';
}

const PROBLEMS: ReadonlyArray<string> = ['down', 'degraded'];

/**
 * Pure: whether a cluster's current state calls for a notification. A state must hold for
 * `minStateSeconds` first (no flapping); a problem already told is not told again; a recovery is
 * told only after a problem was; unknown (ops Prometheus unreadable) tells nothing.
 */
export function decideNotification(
  told: NotifiedState,
  current: { state: ClusterState; stateSince?: string },
  now: string,
  minStateSeconds: number,
): Decision | undefined {
  const { state, stateSince } = current;
  if (state === 'unknown' || !stateSince) return undefined;
  const heldMs = Date.parse(now) - Date.parse(stateSince);
  if (!(heldMs >= minStateSeconds * 1000)) return undefined;
  if (PROBLEMS.includes(state)) {
    return told.state === state
      ? undefined
      : { record: state, notify: 'problem' };
  }
  if (PROBLEMS.includes(told.state)) {
    return { record: state, notify: 'recovered' };
  }
  return told.state === '' ? { record: state } : undefined;
}
